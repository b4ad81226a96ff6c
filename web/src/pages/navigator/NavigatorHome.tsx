import { WorklistPage } from '../../worklist/WorklistPage.tsx';

/** The navigator's home is the worklist: what to do first today. */
export function NavigatorHome() {
  return <WorklistPage />;
}
