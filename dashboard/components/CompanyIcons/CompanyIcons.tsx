/*
 * Small line icons drawn in SVG (no emoji: headless and some desktop systems have no emoji font).
 * Always decorative: the caller gives the words next to them (visible or visually hidden).
 */
const svg = { width: 14, height: 14, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.6, 'aria-hidden': true as const, focusable: 'false' as const };

export function LockIcon({ open = false }: { open?: boolean }) {
  return (
    <svg {...svg}>
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d={open ? 'M5.5 7V4.8a2.5 2.5 0 0 1 4.9-.7' : 'M5.5 7V4.8a2.5 2.5 0 0 1 5 0V7'} />
    </svg>
  );
}

export function PinIcon() {
  return (
    <svg {...svg}>
      <path d="M6 2h4l-.5 4 2.5 2.5H4L6.5 6z" />
      <path d="M8 8.5V14" />
    </svg>
  );
}
