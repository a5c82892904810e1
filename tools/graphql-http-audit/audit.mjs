// Audits a running server against the GraphQL-over-HTTP spec with graphql-http's own audit.
// Usage: node audit.mjs [url] (default http://127.0.0.1:8080/graphql). Exits 1 on any
// error or warning (a notice is a MAY the server chose not to take), so that it can guard a
// release.
import { auditServer } from 'graphql-http';

const url = process.argv[2] ?? process.env.FFORWM_AUDIT_URL ?? 'http://127.0.0.1:8080/graphql';
const results = await auditServer({ url });

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] += 1;
  if (result.status !== 'ok') {
    console.log(`${result.status.toUpperCase()} ${result.id}: ${result.name}`);
    console.log(`  ${result.reason}`);
    if (result.response) {
      const body = await result.response.text().catch(() => '');
      console.log(`  ${result.response.status} ${body.slice(0, 300)}`);
    }
  }
}
console.log(
  `${url}: ${counts.ok} ok, ${counts.notice} notices, ${counts.warn} warnings, ${counts.error} errors`,
);
process.exit(counts.warn + counts.error === 0 ? 0 : 1);
