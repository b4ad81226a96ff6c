/** Working hours of an organization: ISO weekdays (1 = Monday ... 7 = Sunday; 0 also means Sunday), local "HH:MM". */
export interface Hours {
  days: number[];
  start: string;
  end: string;
}

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function localParts(at: Date, timeZone: string): { day: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: WEEKDAY[get('weekday')] ?? 0, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string) => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

export function isOpen(hours: Hours, timeZone: string, at: Date): boolean {
  const { day, minutes } = localParts(at, timeZone);
  const days = hours.days.map((d) => (d === 0 ? 7 : d));
  return days.includes(day) && minutes >= toMinutes(hours.start) && minutes < toMinutes(hours.end);
}

/** The next instant the organization opens, searched in 5-minute steps over the coming 8 days. */
export function nextOpening(hours: Hours, timeZone: string, from: Date): Date | null {
  const step = 5 * 60_000;
  let t = Math.ceil(from.getTime() / step) * step;
  for (let i = 0; i < (8 * 24 * 60) / 5; i++, t += step) if (isOpen(hours, timeZone, new Date(t))) return new Date(t);
  return null;
}

/** "Monday 08:00" in the reader's language, in the organization's time zone. */
export function formatOpening(at: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}
