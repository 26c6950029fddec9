// The demo's customers: the six named ones tests and docs refer to (ada@example.com and the
// rest keep their emails), then a few dozen made-up regulars, occasional visitors and people
// who came for a while and stopped. Each has a habit the timeline turns into visits.
export type Habit = "regular" | "occasional" | "lapsed" | "once";

export type DemoPerson = {
  email: string;
  name: string;
  phone: string | null;
  habit: Habit;
  // Day of the window (0 = the first) they join; lapsed customers stop visiting after `lastDay`.
  enrolDay: number;
  lastDay: number;
  // The store they usually visit; the harbour kiosk only opens on KIOSK_OPENS.
  home: "MAIN" | "HARBOUR";
  // A big spender (office catering orders): buys several times the usual amount.
  big?: boolean;
};

export const WINDOW_DAYS = 90;
export const KIOSK_OPENS = 30;

const NAMED: DemoPerson[] = [
  { email: "ada@example.com", name: "Ada Lovelace", phone: "+15550100001", habit: "regular", enrolDay: 0, lastDay: 89, home: "MAIN" },
  { email: "grace@example.com", name: "Grace Hopper", phone: "+15550100002", habit: "regular", enrolDay: 1, lastDay: 89, home: "MAIN" },
  { email: "alan@example.com", name: "Alan Turing", phone: "+15550100003", habit: "occasional", enrolDay: 3, lastDay: 89, home: "MAIN" },
  { email: "katherine@example.com", name: "Katherine Johnson", phone: "+15550100004", habit: "regular", enrolDay: 0, lastDay: 89, home: "MAIN", big: true },
  { email: "edsger@example.com", name: "Edsger Dijkstra", phone: null, habit: "lapsed", enrolDay: 2, lastDay: 40, home: "MAIN" },
  { email: "barbara@example.com", name: "Barbara Liskov", phone: "+15550100006", habit: "occasional", enrolDay: 5, lastDay: 89, home: "MAIN" },
];

const FIRST = ["Mia", "Noah", "Priya", "Liam", "Sofia", "Mateo", "Amara", "Jonas", "Yuki", "Omar", "Elena", "Felix", "Zara", "Tomás", "Ines", "Kwame", "Hana", "Lucas", "Freya", "Ravi", "Chloe", "Diego", "Nora", "Aisha"];
const LAST = ["Bennett", "Okafor", "Nakamura", "Silva", "Kowalski", "Haddad", "Lindqvist", "Moreau", "Patel", "Reyes", "Schmidt", "O'Neill", "Fischer", "Tanaka", "Costa", "Murphy", "Novak", "Ahmed", "Larsen", "Rossi", "Dubois", "Kim", "Walsh", "Mensah"];

// Who the made-up customers are, in the order they join: a launch crowd in the first week,
// then a steady trickle. Habits cycle so every kind turns up throughout the window.
const HABITS: Habit[] = ["regular", "occasional", "occasional", "lapsed", "regular", "once", "occasional", "lapsed"];

export function demoPeople(random: () => number, count = 42): DemoPerson[] {
  const people = [...NAMED];
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7 + 3 + Math.floor(i / FIRST.length)) % LAST.length]!;
    const habit = HABITS[i % HABITS.length]!;
    const enrolDay = i < 10 ? Math.floor(random() * 7) : Math.min(85, 7 + Math.floor(((i - 10) / (count - 10)) * 78 + random() * 4));
    const lastDay = habit === "lapsed" ? Math.max(enrolDay, Math.min(WINDOW_DAYS - 20, enrolDay + 14 + Math.floor(random() * 30))) : WINDOW_DAYS - 1;
    const home = enrolDay >= KIOSK_OPENS || random() < 0.25 ? (random() < 0.45 ? "HARBOUR" : "MAIN") : "MAIN";
    const email = `${first}.${last}`.toLowerCase().normalize("NFD").replace(/[^a-z.]/g, "") + "@example.com";
    people.push({ email, name: `${first} ${last}`, phone: random() < 0.6 ? `+1555010${String(1000 + i).slice(-4)}` : null, habit, enrolDay, lastDay, home });
  }
  return people;
}
