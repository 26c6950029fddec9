import type { ReactNode } from "react";

// A table wider than a phone scrolls inside this box instead of widening the page. The box is a
// named region a keyboard can reach (Tab, then the arrow keys scroll it): a table of plain text
// has nothing else focusable in it, and axe counts such a box as unreachable (WCAG 2.1.1).
export function ScrollBox({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500 ${className}`}
    >
      {children}
    </div>
  );
}
