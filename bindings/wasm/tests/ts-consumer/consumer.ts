// A small consumer that must type-check against the generated .d.ts.
import { Nik, Region, pseudonymize } from "berdaya";
import type { NikInfo, RegionInfo, BerdayaError } from "berdaya";

const nik: Nik = new Nik("3514140711950002", "2020-09-09");
const sex: string = nik.sex;
const info: NikInfo = nik.info();
const birth: string = info.birth_date;
const serial: number = info.serial;
const region: RegionInfo = new Region("3520").info();
const name: string | undefined = new Region("3520").name;
const p: string = pseudonymize(nik, new TextEncoder().encode("a key of at least sixteen bytes"));

function describe(e: unknown): string {
  const err = e as BerdayaError;
  return `${err.code} at ${err.span?.column ?? "?"}`;
}

export { sex, birth, serial, region, name, p, describe };
