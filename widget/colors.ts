// Colours from the business's appearance, made readable: the text on the primary colour is
// whichever of white or black contrasts more (WCAG relative luminance; one of the two always
// reaches 4.58:1, AA for normal text, whatever the primary), and the accent used
// for text and focus rings on the white panel is the primary darkened until it reaches AA (4.5:1).
export const DEFAULT_PRIMARY = "#4f46e5";
const DARK = "#000000";
const WHITE = "#ffffff";

type Rgb = [number, number, number];

export function parseHex(value: string | null | undefined): Rgb | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value?.trim() ?? "");
  if (!match) return null;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join("") : match[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export type Palette = { primary: string; onPrimary: string; accent: string };

export function palette(primaryColor: string | null | undefined): Palette {
  const primary = parseHex(primaryColor) ?? parseHex(DEFAULT_PRIMARY)!;
  const white = parseHex(WHITE)!;
  const dark = parseHex(DARK)!;
  const onPrimary = contrast(primary, white) >= contrast(primary, dark) ? WHITE : DARK;
  let accent: Rgb = primary;
  for (let i = 0; i < 20 && contrast(accent, white) < 4.5; i++) accent = accent.map((c) => c * 0.85) as Rgb;
  return { primary: toHex(primary), onPrimary, accent: toHex(accent) };
}
