// The member page's own words (the panel inside is widget.js's, in the same language): English
// and French, chosen from the browser's Accept-Language. The API's sentences are English; in
// French a refusal is told by its code, and an unknown code falls back to the API's sentence.
export type MemberLocale = "en" | "fr";

const en = {
  pageTitle: "{business} rewards",
  rewards: "Rewards",
  signInTitle: "Sign in to see your points",
  signOut: "Sign out",
  signedOut: "You are signed out.",
  expired: "Your sign-in has expired. Please sign in again.",
  invalid: "Your sign-in is no longer valid. Please sign in again.",
  emailUnavailable: "Signing in by email is not available for this shop. Ask the shop for a sign-in link: they can make one for you at the till.",
  email: "Email",
  emailHint: "We email you a code to sign in; no password needed.",
  sendCode: "Email me a code",
  codeSent: "If this email belongs to a member, a sign-in code is on its way. It is valid for 10 minutes.",
  code: "Code from the email",
  sentTo: "Sent to {email}.",
  signIn: "Sign in",
  otherEmail: "Use another email",
};

type Words = typeof en;

const fr: Words = {
  pageTitle: "Fidélité {business}",
  rewards: "Fidélité",
  signInTitle: "Connectez-vous pour voir vos points",
  signOut: "Se déconnecter",
  signedOut: "Vous êtes déconnecté.",
  expired: "Votre connexion a expiré. Veuillez vous reconnecter.",
  invalid: "Votre connexion n'est plus valable. Veuillez vous reconnecter.",
  emailUnavailable: "La connexion par e-mail n'est pas disponible pour cette boutique. Demandez un lien de connexion à la boutique : elle peut vous en créer un en caisse.",
  email: "E-mail",
  emailHint: "Nous vous envoyons un code par e-mail ; pas de mot de passe.",
  sendCode: "Recevoir un code",
  codeSent: "Si cette adresse est celle d'un membre, un code de connexion est en route. Il est valable 10 minutes.",
  code: "Code reçu par e-mail",
  sentTo: "Envoyé à {email}.",
  signIn: "Se connecter",
  otherEmail: "Utiliser une autre adresse",
};

// French for the refusals the page meets, by the API's code.
const FR_REFUSALS: Record<string, string> = {
  MEMBER_CODE_INVALID: "Ce code est faux ou n'est plus valable. Vérifiez-le, ou demandez-en un nouveau.",
  TOKEN_EXPIRED: "Ce lien de connexion a expiré ; demandez-en un nouveau à la boutique.",
  TOKEN_INVALID: "Ce lien de connexion n'est pas valable ; demandez-en un nouveau à la boutique.",
  RATE_LIMITED: "Trop d'essais : patientez une minute puis réessayez.",
  VALIDATION_ERROR: "Vérifiez l'adresse e-mail ou le code saisi.",
  EMAIL_SIGN_IN_UNAVAILABLE: "La connexion par e-mail n'est pas disponible ici ; demandez un lien de connexion à la boutique.",
  INTERNAL: "Une erreur est survenue de notre côté. Réessayez dans un instant.",
  NETWORK: "Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.",
};

export type Translate = (key: keyof Words, values?: Record<string, string>) => string;

export function wordsFor(locale: MemberLocale): { t: Translate; refusal: (answer: { code: string; error: string }) => string } {
  const words = locale === "fr" ? fr : en;
  return {
    t: (key, values = {}) => words[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ""),
    refusal: ({ code, error }) => (locale === "fr" ? (FR_REFUSALS[code] ?? error) : error),
  };
}

// "fr-CA,fr;q=0.9,en;q=0.8" -> "fr": the most wanted of the languages we have, else English.
export function negotiateLocale(acceptLanguage: string | null): MemberLocale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? 1);
      return { base: tag.toLowerCase().split("-")[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const found = ranked.find((entry) => entry.base === "en" || entry.base === "fr");
  return found?.base === "fr" ? "fr" : "en";
}
