// Types derived from the generated OpenAPI types: what each call takes and what it answers
// (the `data` of the API's {success:true, data} envelope).
import type { FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";

export type Method = "get" | "post" | "put" | "patch" | "delete";

export type PathsFor<M extends Method> = { [P in keyof paths]: paths[P] extends Record<M, object> ? P : never }[keyof paths];

type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

export type InitFor<P extends PathsFor<M>, M extends Method> = NonNullable<MaybeOptionalInit<paths[P], M>>;

// The call's options argument, optional when nothing in it is required.
export type InitArgs<P extends PathsFor<M>, M extends Method> =
  RequiredKeysOf<InitFor<P, M>> extends never ? [init?: InitFor<P, M>] : [init: InitFor<P, M>];

type Envelope<T> = T extends { success: true; data: infer D } ? D : T;

export type DataFor<P extends PathsFor<M>, M extends Method> = Envelope<
  NonNullable<FetchResponse<paths[P][M] & Record<string | number, unknown>, object, "application/json">["data"]>
>;

// The lists: GET operations answering {items, pagination}.
export type ListPaths = { [P in PathsFor<"get">]: DataFor<P, "get"> extends { items: unknown[]; pagination: unknown } ? P : never }[PathsFor<"get">];

export type ItemOf<P extends ListPaths> = DataFor<P, "get"> extends { items: (infer I)[] } ? I : never;
