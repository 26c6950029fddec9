"use client";
// The live preview: the real <loyalty-widget> (from /widget.js, loaded without auto-mounting)
// in page mode, given the programme from widget.preview (so it works while the widget is off)
// and the form's unsaved colour and launcher text. Until the element is defined (the script is
// loading, or failed) the portal shows a note instead: the page never depends on it.
import { useQuery } from "@tanstack/react-query";
import Script from "next/script";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { palette } from "@/widget/colors";

type Props = { publicId: string; primaryColor: string; launcherText: string };
type ScriptState = "loading" | "ready" | "failed";
type WidgetElement = HTMLElement & { program?: unknown };

const ELEMENT = "loyalty-widget";

export function WidgetPreview({ publicId, primaryColor, launcherText }: Props) {
  const trpc = useTRPC();
  const preview = useQuery(trpc.widget.preview.queryOptions());
  const [state, setState] = useState<ScriptState>("loading");
  const host = useRef<HTMLDivElement>(null);
  const widget = useRef<WidgetElement | null>(null);
  const ready = state === "ready" && !!preview.data;
  useEffect(() => {
    if (typeof customElements === "undefined") return;
    let live = true;
    void customElements.whenDefined(ELEMENT).then(() => live && setState("ready"));
    return () => {
      live = false;
    };
  }, []);
  // Made by hand, not by React: the element's properties and attributes are set exactly as the
  // widget contract says (React would pick property or attribute by itself).
  useEffect(() => {
    const container = host.current;
    if (!ready || !container) return;
    const element: WidgetElement = document.createElement(ELEMENT);
    element.setAttribute("mode", "page");
    // The visitor's "Join / sign in" leads nowhere from the portal.
    element.addEventListener("loyalty:sign-in", (event) => event.preventDefault());
    container.replaceChildren(element);
    widget.current = element;
    return () => {
      widget.current = null;
      element.remove();
    };
  }, [ready]);
  useEffect(() => {
    const element = widget.current;
    if (!element || !preview.data) return;
    // The programme first: with it set, naming the business fetches nothing (no /program, which
    // is a 404 while the widget is off). The element reads it as GET /program's JSON (dates as
    // strings), not tRPC's Dates.
    element.program = JSON.parse(JSON.stringify(preview.data.program));
    element.setAttribute("business", publicId);
    element.setAttribute("primary-color", primaryColor);
    element.setAttribute("launcher-text", launcherText);
  }, [ready, publicId, primaryColor, launcherText, preview.data]);
  return (
    <Card title="Preview" className="h-fit xl:sticky xl:top-6">
      <Script src="/widget.js" data-mount="none" strategy="afterInteractive" onError={() => setState((s) => (s === "ready" ? s : "failed"))} />
      <div className="space-y-4" data-testid="widget-preview">
        <div className="flex items-center justify-between gap-3">
          <span className="text-xs text-slate-500">Launcher button on your store</span>
          <span
            data-testid="launcher-swatch"
            className="inline-flex max-w-[60%] items-center truncate rounded-full px-4 py-2 text-sm font-semibold shadow-md"
            style={{ backgroundColor: primaryColor, color: palette(primaryColor).onPrimary }}
          >
            {launcherText}
          </span>
        </div>
        <div className="h-[30rem] overflow-auto rounded-lg border border-slate-200">
          <div ref={host} hidden={!ready} className="h-full" data-testid="widget-preview-host" />
          {!ready && (
            <p className="p-4 text-sm text-slate-500" role="status">
              {preview.error
                ? `The preview couldn't load: ${preview.error.message}`
                : state === "failed"
                  ? "The widget script couldn't load, so there is no preview here. Your settings still save."
                  : "Loading the preview…"}
            </p>
          )}
        </div>
        <p className="text-xs text-slate-500">What a visitor sees, with your unsaved colour and text. Signed-in customers also see their points and history.</p>
      </div>
    </Card>
  );
}
