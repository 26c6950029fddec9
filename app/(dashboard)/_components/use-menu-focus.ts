"use client";
// The phone menu behaves like a modal dialog for the keyboard: opening it moves focus to its
// first link, Tab cycles inside it (the page behind is covered), and Escape or the backdrop
// closes it and gives focus back to the menu button, so a keyboard or screen-reader user is
// never left on an element that just disappeared.
import { useEffect, type RefObject } from "react";

const FOCUSABLE = 'a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function useMenuFocus(
  open: boolean,
  setOpen: (open: boolean) => void,
  menu: RefObject<HTMLElement | null>,
  button: RefObject<HTMLElement | null>,
) {
  useEffect(() => {
    if (!open) return;
    const close = () => {
      setOpen(false);
      button.current?.focus();
    };
    const focusable = () => [...(menu.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => el.tabIndex >= 0 && el.offsetParent !== null);
    // The current page's link when there is one: where the user is, and the next links are near.
    const current = menu.current?.querySelector<HTMLElement>('[aria-current="page"]');
    (current ?? focusable()[0])?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "Tab") {
        const items = focusable();
        const first = items[0];
        const last = items[items.length - 1];
        if (!first || !last) return;
        const inside = menu.current?.contains(document.activeElement) ?? false;
        if (event.shiftKey && (document.activeElement === first || !inside)) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open, setOpen, menu, button]);

  // For the backdrop: the same way out as Escape.
  return () => {
    setOpen(false);
    button.current?.focus();
  };
}
