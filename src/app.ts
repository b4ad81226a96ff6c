import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { alertRoutes } from './alerts/routes.ts';
import { appointmentRoutes } from './appointments/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { securityRoutes } from './auth/security-routes.ts';
import { checkinRoutes } from './checkins/routes.ts';
import { clinicalRuleRoutes } from './checkins/rules-routes.ts';
import { homeRoutes } from './home/routes.ts';
import { libraryRoutes } from './library/routes.ts';
import { preferenceRoutes } from './preferences/routes.ts';
import { questionRoutes } from './questions/routes.ts';
import { recordRoutes } from './records/routes.ts';
import { messagingRoutes } from './messaging/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { peopleRoutes } from './people/routes.ts';
import type { AppEnv, Deps } from './platform/context.ts';
import { ATTACHMENT_MAX_BYTES } from './contracts/messaging.ts';
import { bodyLimits } from './platform/body-limit.ts';
import { errorFacts } from './platform/error-facts.ts';
import { AppError, toAppError } from './platform/errors.ts';
import { serverRequestId } from './platform/request-id.ts';
import { observe, originCheck, sessionActor } from './platform/http.ts';
import { publicRoute } from './platform/policy.ts';
import { referralRoutes } from './referrals/routes.ts';
import { systemRoutes } from './platform/system-routes.ts';
import { taskRoutes } from './tasks/routes.ts';
import { videoRoutes } from './video/routes.ts';
import { worklistRoutes } from './worklist/routes.ts';
import { FILE_CSP, INLINE_FILE_CSP } from './platform/file-response.ts';

const JSON_LIMIT = 1024 * 1024;
/** The only routes that take more than small JSON: each upload route, with room for the multipart framing. */
const UPLOAD_ROUTES = [{ method: 'POST', path: /^\/api\/threads\/[^/]+\/attachments$/, maxBytes: ATTACHMENT_MAX_BYTES + 64 * 1024 }];

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.use('*', serverRequestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('actor', null);
    c.set('pendingSession', null);
    await next();
  });
  app.use('*', observe(deps));
  app.use('*', async (c, next) => {
    await next();
    // A served record keeps its own sandboxing CSP (SECURITY.md S22): the page CSP set below must not replace it.
    const disposition = c.res.headers.get('content-disposition');
    if (disposition?.startsWith('attachment')) c.res.headers.set('Content-Security-Policy', FILE_CSP);
    else if (disposition?.startsWith('inline')) c.res.headers.set('Content-Security-Policy', INLINE_FILE_CSP);
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      strictTransportSecurity: deps.config.env === 'production' ? 'max-age=63072000; includeSubDomains' : false,
      permissionsPolicy: { camera: ['self'], microphone: ['self'], displayCapture: ['self'], geolocation: [] },
    }),
  );
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', bodyLimits(JSON_LIMIT, UPLOAD_ROUTES));
  app.use('/api/*', originCheck(deps.config.allowedOrigins));
  app.use('/api/*', sessionActor());

  app.route('/', systemRoutes);
  app.route('/api', authRoutes);
  app.route('/api', securityRoutes);
  app.route('/api', peopleRoutes);
  app.route('/api', appointmentRoutes);
  app.route('/api', messagingRoutes);
  app.route('/api', videoRoutes);
  app.route('/api', checkinRoutes);
  app.route('/api', clinicalRuleRoutes);
  app.route('/api', alertRoutes);
  app.route('/api', referralRoutes);
  app.route('/api', homeRoutes);
  app.route('/api', questionRoutes);
  app.route('/api', libraryRoutes);
  app.route('/api', recordRoutes);
  app.route('/api', preferenceRoutes);
  app.route('/api', taskRoutes);
  app.route('/api', notificationRoutes);
  app.route('/api', worklistRoutes);

  app.all('/api/*', publicRoute(), () => {
    throw new AppError('not_found');
  });
  mountWeb(app, deps.config.webDist);

  app.onError((err, c) => {
    let appError: AppError;
    if (err instanceof AppError) appError = err;
    else if (err instanceof HTTPException && err.status < 500) appError = new AppError(err.status === 401 ? 'unauthorized' : 'invalid', err.status === 400 ? 'The request body is not valid JSON.' : undefined);
    else {
      appError = toAppError(err);
      // Type, code and frames only: a database error's message carries the query's parameters (S27).
      deps.logger[appError.code === 'internal' ? 'error' : 'warn']({ requestId: c.get('requestId'), err: errorFacts(err) }, 'request failed');
    }
    return c.json({ error: appError.toBody() }, appError.status as 400);
  });
  app.notFound((c) => c.json({ error: new AppError('not_found').toBody() }, 404));
  return app;
}

export type App = ReturnType<typeof createApp>;

/** The built single-page app: static files, and index.html for every client-side route. */
function mountWeb(app: Hono<AppEnv>, webDist: string) {
  const root = resolve(webDist);
  const indexPath = join(root, 'index.html');
  app.use('/*', publicRoute(), serveStatic({ root, rewriteRequestPath: (p) => p }));
  app.get('/*', publicRoute(), (c) => {
    if (!existsSync(indexPath)) return c.text('The web app is not built: run `npm run build:web`.', 503);
    return c.html(readFileSync(indexPath, 'utf8'));
  });
}
