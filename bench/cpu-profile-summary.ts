// Where a process's CPU went, by package: reads a V8 CPU profile (node --cpu-prof) and prints the share of the
// busy samples (idle excluded) per npm package, Node's own modules, landport's files, the garbage collector and
// native code. This is the profile behind the "Not met" explanations in docs/performance.md:
//   SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npx tsx bench/series-load.ts postgresql://… 1000000
//   npx tsx bench/cpu-profile-summary.ts /tmp/prof/*.cpuprofile
import fs from 'node:fs';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; hitCount?: number };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };

/** The bucket a function's own time belongs to. */
export function bucketOf({ functionName, url }: ProfileNode['callFrame']): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const own = /\/(server|geo|app)\/(.+?)\/[^/]+$/.exec(url);
  return own ? `landport ${own[1]}/${own[2]}` : url;
}

for (const file of process.argv.slice(2)) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<string, number>();
  for (const id of profile.samples) {
    const bucket = bucketOf(byNode.get(id)!.callFrame);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const idle = counts.get('(idle)') ?? 0;
  counts.delete('(idle)');
  const busy = profile.samples.length - idle;
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  console.log(`${file}: ${seconds.toFixed(1)} s profiled, busy ${((busy / profile.samples.length) * 100).toFixed(0)} % of the samples; share of the busy samples:`);
  for (const [bucket, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`  ${((n / busy) * 100).toFixed(1).padStart(5)} %  ${bucket}`);
  }
}
