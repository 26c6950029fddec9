import { z } from "zod";
import { documentedQuery, type Operation } from "@/server/rest/operation";

const METHOD_COLOURS: Record<string, string> = {
  GET: "bg-sky-100 text-sky-800",
  POST: "bg-emerald-100 text-emerald-800",
  PUT: "bg-amber-100 text-amber-800",
  PATCH: "bg-violet-100 text-violet-800",
  DELETE: "bg-rose-100 text-rose-800",
};

function parameters(operation: Operation): { name: string; where: string; description: string }[] {
  const query = documentedQuery(operation);
  const path = operation.params instanceof z.ZodObject ? operation.params : undefined;
  const describe = (schema: unknown) => (schema as z.ZodType).description ?? "";
  return [
    ...Object.entries(path?.shape ?? {}).map(([name, s]) => ({ name, where: "path", description: describe(s) })),
    ...Object.entries(query?.shape ?? {}).map(([name, s]) => ({ name, where: "query", description: describe(s) })),
  ];
}

function Example({ label, code }: { label: string; code: string }) {
  return (
    <figure className="mt-4">
      <figcaption className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{label}</figcaption>
      <pre tabIndex={0} className="keep-dark overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs leading-relaxed text-slate-100"><code>{code}</code></pre>
    </figure>
  );
}

export function OperationCard({ operation, curl, sdk }: { operation: Operation; curl: string; sdk: string }) {
  const params = parameters(operation);
  return (
    <article id={`${operation.method}-${operation.path}`} className="scroll-mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-center gap-3">
        <span className={`rounded-md px-2 py-0.5 font-mono text-xs font-bold ${METHOD_COLOURS[operation.method]}`}>{operation.method}</span>
        <code className="break-all font-mono text-sm font-semibold">/api/v1{operation.path}</code>
        {operation.scope && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">scope {operation.scope}</span>}
      </div>
      <h3 className="mt-3 text-lg font-semibold">{operation.summary}</h3>
      {operation.description && <p className="mt-1 text-slate-600">{operation.description}</p>}
      {params.length > 0 && (
        <table className="mt-4 w-full text-left text-sm">
          <tbody>
            {params.map((p) => (
              <tr key={`${p.where}-${p.name}`} className="border-t border-slate-100">
                <td className="py-1.5 pr-4 font-mono">{p.name}</td>
                <td className="py-1.5 pr-4 text-slate-500">{p.where}</td>
                <td className="py-1.5 text-slate-600">{p.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Example label="curl" code={curl} />
      <Example label="TypeScript SDK" code={sdk} />
      <p className="mt-3 text-sm text-slate-500">
        Success: <span className="font-mono">{operation.status}</span>
        {operation.errors?.length ? <> · Errors: <span className="font-mono">{operation.errors.join(", ")}</span></> : null}
      </p>
    </article>
  );
}
