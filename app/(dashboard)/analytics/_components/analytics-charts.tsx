"use client";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatPoints } from "@/components/format";
import type { DailyPoints } from "@/server/analytics/get-analytics";

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const axis = { fontSize: 11, fill: "#64748b" };

export function PointsFlowChart({ data }: { data: DailyPoints[] }) {
  return (
    <div className="h-72" data-testid="flow-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 4, left: -8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={axis} minTickGap={24} />
          <YAxis tick={axis} tickFormatter={(v: number) => formatPoints(v)} width={56} />
          <Tooltip labelFormatter={(d) => shortDay(String(d))} formatter={(v) => formatPoints(Number(v))} />
          <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="earned" name="Earned" fill="#2f6fed" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="redeemed" name="Redeemed" fill="#10b981" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="expired" name="Expired" fill="#f59e0b" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function LiabilityChart({ data }: { data: DailyPoints[] }) {
  return (
    <div className="h-72" data-testid="liability-chart">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 4, right: 4, left: -8, bottom: 0 }}>
          <defs>
            <linearGradient id="liability" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="#2f6fed" stopOpacity={0.3} />
              <stop offset="100%" stopColor="#2f6fed" stopOpacity={0} />
            </linearGradient>
          </defs>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={axis} minTickGap={24} />
          <YAxis tick={axis} tickFormatter={(v: number) => formatPoints(v)} width={56} />
          <Tooltip labelFormatter={(d) => shortDay(String(d))} formatter={(v) => formatPoints(Number(v))} />
          <Area type="linear" dataKey="liability" name="Liability" stroke="#1f57c9" strokeWidth={2} fill="url(#liability)" isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
