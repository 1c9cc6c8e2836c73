/**
 * The archives `apt-get update` reaches: which hosts answer, and the index files each suite serves, with their
 * sizes. Ubuntu's and bullseye's come from the suites' InRelease files as served on 2026-11-21 (each InRelease
 * lists every index with its size: `main/binary-amd64/Packages.xz`, `.gz`, the uncompressed `Packages`,
 * `i18n/Translation-en.xz`/`.bz2`, `i18n/Translation-en`). bookworm's are the ones measured when the package catalog
 * was made. What apt prints for a fetch (`Get:5 http://archive.ubuntu.com/ubuntu jammy/universe
 * amd64 Packages [17.5 MB]`, InReleases first, hosts interleaved) follows Docker transcripts of ubuntu:jammy
 * (github.com/tianon/docker-brew-ubuntu-core/issues/236, github.com/gitpod-io/gitpod/issues/9501): Ubuntu's images
 * fetch the `.gz` indexes (their docker-gzip-indexes sets `Acquire::CompressionTypes::Order:: "gz"`: 17.5 MB is the
 * size of jammy's universe Packages.gz), Debian's the `.xz` ones.
 */

/** Per component: [Packages.xz, Packages.gz, Packages, Translation-en compressed, Translation-en]. */
type ComponentSizes = readonly [number, number, number, number, number];

export interface SuiteIndexes {
  /** Size of the InRelease file; 0 for a suite that has only Release and Release.gpg (trusty). */
  readonly inRelease: number;
  /** A suite without InRelease: the sizes of its Release and Release.gpg files. */
  readonly detached?: { readonly release: number; readonly gpg: number };
  readonly components: Readonly<Record<string, ComponentSizes>>;
  /** Sizes of the lz4 files apt keeps under Acquire::GzipIndexes, where measured: [Packages, Translation-en]. */
  readonly lz4?: Readonly<Record<string, readonly [number, number]>>;
}

const SUITES: Readonly<Record<string, SuiteIndexes>> = {
  // main: measured on a bookworm container when the package catalog was made; the rest from the InRelease files.
  'debian:bookworm': {
    inRelease: 151075,
    components: { main: [8790000, 12084798, 50060337, 6107000, 32699363], contrib: [53480, 64763, 231032, 48396, 186212], 'non-free-firmware': [6368, 7070, 27937, 20936, 157478], 'non-free': [101504, 128336, 620520, 68172, 424826] },
    lz4: { main: [18840233, 12306000] },
  },
  'debian:bookworm-updates': { inRelease: 55403, components: { main: [6924, 0, 32757, 5448, 21795], contrib: [32, 0, 0, 32, 0], 'non-free-firmware': [32, 0, 0, 32, 0], 'non-free': [32, 0, 0, 32, 0] }, lz4: { main: [11648, 8200] } },
  'debian:bookworm-security': { inRelease: 34770, components: { main: [378000, 0, 2523192, 237000, 1679293] }, lz4: { main: [763339, 632000] } },
  // trusty's indexes no longer answer from here; the sizes (as apt rounds them, .gz) are those of a 2023
  // `docker run ubuntu:14.04 apt-get update` transcript (github.com/cloudy-bay, 2023-04-01, the suites are frozen
  // since 2019). Uncompressed sizes are estimated at 3.7 times the .gz (jammy's ratio); Translation-en is unknown.
  // The release pocket has no InRelease, only Release [58.5 kB] and Release.gpg [933 B].
  'ubuntu:trusty': { inRelease: 0, detached: { release: 58500, gpg: 933 }, components: { main: [0, 1743000, 6449100, 0, 0], restricted: [0, 16000, 59200, 0, 0], universe: [0, 7589000, 28079300, 0, 0], multiverse: [0, 169000, 625300, 0, 0] } },
  'ubuntu:trusty-updates': { inRelease: 56400, components: { main: [0, 2183000, 8077100, 0, 0], restricted: [0, 28700, 106190, 0, 0], universe: [0, 931000, 3444700, 0, 0], multiverse: [0, 21700, 80290, 0, 0] } },
  'ubuntu:trusty-security': { inRelease: 56400, components: { main: [0, 1557000, 5760900, 0, 0], restricted: [0, 24600, 91020, 0, 0], universe: [0, 529000, 1957300, 0, 0], multiverse: [0, 6133, 22692, 0, 0] } },
  // restricted [40 B] is an empty index's .gz: apt 2.x does not fetch it.
  'ubuntu:trusty-backports': { inRelease: 65900, components: { main: [0, 14700, 54390, 0, 0], restricted: [0, 40, 0, 0, 0], universe: [0, 52500, 194250, 0, 0], multiverse: [0, 1392, 5150, 0, 0] } },
  // PGDG's bookworm suite, as `docker run postgres apt-get update` transcripts print it (InRelease [123 kB],
  // main [337 kB], the per-major component `15` [2,592 B]; github issues quoted in APPROXIMATIONS.md): the other
  // majors' components are taken to be the size of 15's; uncompressed sizes estimated at 5 times the .xz.
  'pgdg:bookworm-pgdg': {
    inRelease: 123000,
    components: Object.fromEntries([['main', [337000, 0, 1685000, 0, 0] as const], ...['13', '14', '15', '16', '17', '18'].map((m) => [m, [2592, 0, 12960, 0, 0] as const] as const)]),
  },
  'ubuntu:xenial': { inRelease: 246846, components: { main: [1200680, 1557985, 7228243, 567552, 3600400], restricted: [8344, 14111, 127112, 2908, 20517], universe: [7531752, 9826827, 41813552, 4353988, 23426103], multiverse: [144016, 176282, 694127, 106232, 440098] } },
  'ubuntu:xenial-updates': { inRelease: 105657, components: { main: [1286364, 1595931, 6554916, 303020, 2638674], restricted: [10256, 15776, 109321, 2240, 15916], universe: [1181676, 1470663, 5989292, 333352, 2530601], multiverse: [21784, 24867, 95820, 8408, 38731] } },
  'ubuntu:xenial-security': { inRelease: 105659, components: { main: [926936, 1143452, 4724872, 211328, 1971022], restricted: [9852, 15312, 107484, 2120, 15564], universe: [747340, 919857, 3910142, 202372, 1684121], multiverse: [7848, 8787, 31749, 2640, 12964] } },
  'ubuntu:xenial-backports': { inRelease: 105705, components: { main: [10188, 11267, 38410, 4416, 19024], restricted: [32, 20, 0, 32, 0], universe: [11508, 12800, 44062, 4448, 18733], multiverse: [32, 20, 0, 32, 0] } },
  'ubuntu:bionic': { inRelease: 242048, components: { main: [1019132, 1343916, 6214952, 516200, 3166991], restricted: [9184, 13535, 94233, 3584, 16710], universe: [8569560, 11340442, 50762470, 4940820, 27118547], multiverse: [150848, 185953, 744851, 108068, 473597] } },
  'ubuntu:bionic-updates': { inRelease: 101771, components: { main: [3092476, 3735407, 17093452, 552084, 12846845], restricted: [1368100, 1697483, 8420336, 186600, 3601932], universe: [1935880, 2389076, 10978160, 419924, 4772390], multiverse: [25680, 30477, 129618, 6056, 52019] } },
  'ubuntu:bionic-security': { inRelease: 101773, components: { main: [2762892, 3327531, 15358241, 467428, 11852540], restricted: [1338112, 1657940, 8219816, 182000, 3532599], universe: [1319196, 1621534, 7324457, 307336, 3648591], multiverse: [19824, 23481, 100705, 3896, 39045] } },
  'ubuntu:bionic-backports': { inRelease: 101819, components: { main: [53688, 63350, 318901, 14524, 138422], restricted: [32, 20, 0, 32, 0], universe: [18288, 20504, 82820, 8612, 28216], multiverse: [32, 20, 0, 32, 0] } },
  'ubuntu:focal': { inRelease: 264892, components: { main: [970408, 1274738, 5826751, 505968, 3027779], restricted: [22004, 33413, 266945, 6212, 47433], universe: [8627544, 11344505, 50750067, 5123736, 27037832], multiverse: [144064, 176904, 728512, 104452, 463922] } },
  'ubuntu:focal-updates': { inRelease: 127797, components: { main: [4004184, 4849580, 22166593, 600660, 15853852], restricted: [3984324, 4903742, 23663311, 548168, 10829850], universe: [1275432, 1588067, 7142759, 302188, 2680051], multiverse: [29780, 36175, 178199, 8284, 47624] } },
  'ubuntu:focal-security': { inRelease: 127799, components: { main: [3610988, 4367500, 20100998, 518036, 14860556], restricted: [3828268, 4710007, 22719436, 527364, 10403816], universe: [1052316, 1300068, 6081182, 220264, 2141651], multiverse: [26684, 32531, 164489, 6416, 38930] } },
  'ubuntu:focal-backports': { inRelease: 127845, components: { main: [46052, 54697, 261984, 16184, 143035], restricted: [32, 20, 0, 32, 0], universe: [25032, 28367, 109583, 16268, 54687], multiverse: [32, 20, 0, 32, 0] } },
  'ubuntu:jammy': { inRelease: 270087, components: { main: [1394768, 1792213, 6779186, 510368, 3082013], restricted: [129256, 164238, 915647, 18580, 231426], universe: [14090084, 17471387, 64332414, 5651580, 29839306], multiverse: [216948, 265692, 918002, 111544, 499764] } },
  'ubuntu:jammy-updates': { inRelease: 128049, components: { main: [4011780, 4884482, 22710332, 587472, 16697712], restricted: [6888176, 8422062, 40119797, 1325740, 26286399], universe: [1291072, 1631152, 7311212, 326560, 3149923], multiverse: [86128, 104359, 621678, 16508, 176893] } },
  'ubuntu:jammy-security': { inRelease: 128927, components: { main: [3740156, 4546709, 21261353, 520344, 15931692], restricted: [6634672, 8110572, 38605199, 1277144, 25286111], universe: [1058100, 1329299, 6231945, 238288, 2660685], multiverse: [79588, 96720, 593373, 13612, 163973] } },
  'ubuntu:jammy-backports': { inRelease: 127185, components: { main: [70196, 82884, 449659, 11432, 129947], restricted: [32, 20, 0, 32, 0], universe: [30836, 35649, 147178, 16892, 57415], multiverse: [32, 20, 0, 32, 0] } },
  'ubuntu:noble': { inRelease: 255850, components: { main: [1401160, 1808488, 7165069, 512936, 3095169], restricted: [93924, 117405, 669193, 18692, 231899], universe: [15037908, 19315644, 73379142, 5981548, 32194499], multiverse: [269224, 331072, 1296005, 118472, 625491] } },
  'ubuntu:noble-updates': { inRelease: 126125, components: { main: [1474640, 1822205, 7986610, 319088, 4728863], restricted: [1922008, 2371299, 11386576, 442692, 8322005], universe: [1716228, 2184119, 10691677, 346040, 3755648], multiverse: [50696, 61731, 364927, 14608, 183022] } },
  'ubuntu:noble-security': { inRelease: 126127, components: { main: [1198364, 1475054, 6526018, 238912, 4065320], restricted: [1791656, 2215651, 10655169, 414404, 7787098], universe: [1230632, 1560093, 7722388, 248228, 2763886], multiverse: [45436, 55556, 342166, 12700, 169663] } },
  'ubuntu:noble-backports': { inRelease: 126173, components: { main: [40624, 49046, 255999, 9172, 121051], restricted: [32, 20, 0, 32, 0], universe: [30964, 35958, 144274, 18612, 67348], multiverse: [748, 669, 1062, 340, 394] } },
  'debian:bullseye': { inRelease: 75123, components: { main: [8065948, 11089833, 45561367, 6235194, 30253499] } },
  'debian:bullseye-updates': { inRelease: 44029, components: { main: [18832, 0, 79301, 10480, 54109] } },
  'debian:bullseye-security': { inRelease: 27111, components: { main: [474876, 626180, 3047551, 318148, 2127900] } },
};

/** Whose archive: a distribution's (the catalog's packages are said to come from it) or PostgreSQL's PGDG. */
export type Distro = 'ubuntu' | 'debian' | 'pgdg';

/**
 * The hosts that resolve, with the address apt shows in `[IP: ... 80]` (one of each host's real addresses), and the
 * archive paths they serve. Anything else fails to resolve, as an unknown name does in a container.
 */
const HOSTS: ReadonlyArray<{ readonly host: RegExp; readonly ip: string; readonly paths: Readonly<Record<string, Distro>> }> = [
  { host: /^((\w\w\.)?archive|security)\.ubuntu\.com$/, ip: '185.125.190.81', paths: { '/ubuntu': 'ubuntu' } },
  { host: /^mirrors(\.edge)?\.kernel\.org$/, ip: '147.75.80.249', paths: { '/ubuntu': 'ubuntu', '/debian': 'debian', '/debian-security': 'debian' } },
  { host: /^(deb|security|ftp\.\w\w)\.debian\.org$/, ip: '151.101.2.132', paths: { '/debian': 'debian', '/debian-security': 'debian' } },
  // The postgres image's pgdg.list.
  { host: /^apt\.postgresql\.org$/, ip: '217.196.149.55', paths: { '/pub/repos/apt': 'pgdg' } },
];

export type ArchiveAnswer =
  | { readonly kind: 'unresolved'; readonly host: string }
  /** The host answers but has no such suite (or path): apt gets 404 for InRelease and Release. */
  | { readonly kind: 'missing'; readonly ip: string }
  | { readonly kind: 'ok'; readonly distro: Distro; readonly ip: string; readonly indexes: SuiteIndexes };

/** What fetching `uri/dists/suite/InRelease` gets from `host` (the URI's). */
export function archiveFor(uri: string, suite: string, host: string): ArchiveAnswer {
  const h = HOSTS.find((x) => x.host.test(host));
  if (!h) return { kind: 'unresolved', host };
  const path = uri.replace(/^[a-z0-9+.-]+:\/\/[^/]*/i, '') || '/';
  const distro = h.paths[path];
  if (!distro) return { kind: 'missing', ip: h.ip };
  // Debian keeps the security suites apart (/debian-security); Ubuntu serves every pocket from one tree.
  if (distro === 'debian' && (path === '/debian-security') !== suite.endsWith('-security')) return { kind: 'missing', ip: h.ip };
  const indexes = SUITES[`${distro}:${suite}`];
  return indexes ? { kind: 'ok', distro, ip: h.ip, indexes } : { kind: 'missing', ip: h.ip };
}

/** The Ubuntu release versions apt-cache policy shows (`v=22.04`), by codename. */
const UBUNTU_VERSIONS: Readonly<Record<string, string>> = { trusty: '14.04', xenial: '16.04', bionic: '18.04', focal: '20.04', jammy: '22.04', noble: '24.04' };

/** Debian's Release fields as the mirror serves them today (bookworm is oldstable, bullseye oldoldstable). */
const DEBIAN_RELEASES: Readonly<Record<string, string>> = {
  bookworm: 'v=12.15,o=Debian,a=oldstable,n=bookworm,l=Debian',
  'bookworm-updates': 'v=12-updates,o=Debian,a=oldstable-updates,n=bookworm-updates,l=Debian',
  'bookworm-security': 'v=12,o=Debian,a=oldstable-security,n=bookworm-security,l=Debian-Security',
  bullseye: 'v=11.11,o=Debian,a=oldoldstable,n=bullseye,l=Debian',
  'bullseye-updates': 'v=11-updates,o=Debian,a=oldoldstable-updates,n=bullseye-updates,l=Debian',
  'bullseye-security': 'v=11,o=Debian,a=oldoldstable-security,n=bullseye-security,l=Debian-Security',
};

/**
 * The `release` line of `apt-cache policy` for a suite, without `c=`/`b=`: Ubuntu's Release files say
 * Suite = the pocket, Codename = the release (`a=jammy-security,n=jammy`).
 */
export function releaseFields(distro: Distro, suite: string): string {
  if (distro === 'pgdg') return `o=apt.postgresql.org,a=${suite},n=${suite},l=PostgreSQL for Debian/Ubuntu repository`;
  if (distro === 'debian') return DEBIAN_RELEASES[suite] ?? `o=Debian,a=${suite},n=${suite},l=Debian`;
  const codename = suite.replace(/-(updates|security|backports|proposed)$/, '');
  const v = UBUNTU_VERSIONS[codename];
  return `${v ? `v=${v},` : ''}o=Ubuntu,a=${suite},n=${codename},l=Ubuntu`;
}

/** The archive name apt list shows after the slash (`Suite:` of the Release file: `jammy-security`, `oldstable`). */
export function archiveName(distro: Distro, suite: string): string {
  return /(?:^|,)a=([^,]+)/.exec(releaseFields(distro, suite))![1]!;
}
