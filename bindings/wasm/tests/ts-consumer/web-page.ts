// What the offline checker (examples/web) calls must type-check.
import { Population, Registry, Rule, contextOn, contextTimeline } from "berdaya";
import type { BatchColumns, BerdayaError, Outcome, OutcomeCounts } from "berdaya";
import type { Context, ContextTimeline, CounterfactualReport, Diagnostic, Facts, ImportIssue, ImportReport } from "berdaya";
const withResidents: Registry = Registry.eastJava2020();
withResidents.loadResidents("id,nik,name\n");
const fromRegistry: Population = Population.fromRegistry(withResidents, "2020-09-09");
const row0: Facts | undefined = fromRegistry.row(0);
const report: ImportReport = fromRegistry.importReport;
const skipped: number[] = report.skipped_rows;
const timeline: ContextTimeline = contextTimeline(withResidents, "pks-a");
const ctxOn: Context = contextOn(timeline, new Date(2020, 8, 9));
const when: CounterfactualReport = new Rule("age >= 18").eligibleFromRow(fromRegistry, 0, "2020-09-09", timeline);
const columns: BatchColumns = new Rule("age >= 18").evaluateColumns(fromRegistry, "2020-09-09", ctxOn, "full");
const firstOutcome: Outcome | undefined = columns.outcomes[columns.outcome[0] ?? 2];
const counted: OutcomeCounts = columns.counts;
const reasonCodes: Uint32Array | undefined = columns.reason;
function issuesOf(e: BerdayaError): (Diagnostic | ImportIssue)[] {
  return e.diagnostics;
}

export { row0, skipped, ctxOn, when, issuesOf, firstOutcome, counted, reasonCodes };
