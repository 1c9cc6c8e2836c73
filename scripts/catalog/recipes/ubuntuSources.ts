/**
 * What apt reads in the Ubuntu images: up to 23.10 the classic /etc/apt/sources.list that livecd-rootfs writes
 * into every ubuntu-base (Docker) root, from 24.04 the deb822 /etc/apt/sources.list.d/ubuntu.sources with a
 * sources.list that only says where the sources went. Texts as the images ship them (comment lines included);
 * another part of layerlab (apt-get) parses them, so they must be exact.
 */

const ARCHIVE = 'http://archive.ubuntu.com/ubuntu/';
const SECURITY = 'http://security.ubuntu.com/ubuntu/';

/** The one-line-style sources.list of the ubuntu-base roots of 16.04 to 22.04 (main restricted universe multiverse). */
export function classicSourcesList(codename: string): string {
  const pair = (uri: string, suite: string, components: string) => [`deb ${uri} ${suite} ${components}`, `# deb-src ${uri} ${suite} ${components}`];
  const lines = [
    '# See http://help.ubuntu.com/community/UpgradeNotes for how to upgrade to',
    '# newer versions of the distribution.',
    ...pair(ARCHIVE, codename, 'main restricted'),
    '',
    '## Major bug fix updates produced after the final release of the',
    '## distribution.',
    ...pair(ARCHIVE, `${codename}-updates`, 'main restricted'),
    '',
    '## N.B. software from this repository is ENTIRELY UNSUPPORTED by the Ubuntu',
    '## team. Also, please note that software in universe WILL NOT receive any',
    '## review or updates from the Ubuntu security team.',
    ...pair(ARCHIVE, codename, 'universe'),
    ...pair(ARCHIVE, `${codename}-updates`, 'universe'),
    '',
    '## N.B. software from this repository is ENTIRELY UNSUPPORTED by the Ubuntu',
    '## team, and may not be under a free licence. Please satisfy yourself as to',
    '## your rights to use the software. Also, please note that software in',
    '## multiverse WILL NOT receive any review or updates from the Ubuntu',
    '## security team.',
    ...pair(ARCHIVE, codename, 'multiverse'),
    ...pair(ARCHIVE, `${codename}-updates`, 'multiverse'),
    '',
    '## N.B. software from this repository may not have been tested as',
    '## extensively as that contained in the main release, although it includes',
    '## newer versions of some applications which may provide useful features.',
    '## Also, please note that software in backports WILL NOT receive any review',
    '## or updates from the Ubuntu security team.',
    ...pair(ARCHIVE, `${codename}-backports`, 'main restricted universe multiverse'),
    '',
    "## Uncomment the following two lines to add software from Canonical's",
    "## 'partner' repository.",
    '## This software is not part of Ubuntu, but is offered by Canonical and the',
    '## respective vendors as a service to Ubuntu users.',
    `# deb http://archive.canonical.com/ubuntu ${codename} partner`,
    `# deb-src http://archive.canonical.com/ubuntu ${codename} partner`,
    '',
    ...pair(SECURITY, `${codename}-security`, 'main restricted'),
    ...pair(SECURITY, `${codename}-security`, 'universe'),
    ...pair(SECURITY, `${codename}-security`, 'multiverse'),
  ];
  return lines.join('\n') + '\n';
}

/** 24.04's /etc/apt/sources.list: four comment lines pointing at ubuntu.sources (apt finds no entry in it). */
export const MOVED_SOURCES_LIST =
  '# Ubuntu sources have moved to the /etc/apt/sources.list.d/ubuntu.sources\n' +
  '# file, which uses the deb822 format. Use deb822-formatted .sources files\n' +
  '# to manage package sources in the /etc/apt/sources.list.d/ directory.\n' +
  '# See the sources.list(5) manual page for details.\n';

/** 24.04's /etc/apt/sources.list.d/ubuntu.sources (deb822, with livecd-rootfs' explanatory comments). */
export function deb822UbuntuSources(codename: string): string {
  return (
    '# See http://help.ubuntu.com/community/UpgradeNotes for how to upgrade to\n' +
    '# newer versions of the distribution.\n' +
    '\n' +
    '## Ubuntu distribution repository\n' +
    '##\n' +
    '## The following settings can be adjusted to configure which packages to use from Ubuntu.\n' +
    '## Mirror your choices (except for URIs and Suites) in the security section below to\n' +
    '## ensure timely security updates.\n' +
    '##\n' +
    '## Types: Append deb-src to enable the fetching of source package.\n' +
    '## URIs: A URL to the repository (you may add multiple URLs)\n' +
    '## Suites: The following additional suites can be configured\n' +
    '##   <name>-updates   - Major bug fix updates produced after the final release of the\n' +
    '##                      distribution.\n' +
    '##   <name>-backports - software from this repository may not have been tested as\n' +
    '##                      extensively as that contained in the main release, although it includes\n' +
    '##                      newer versions of some applications which may provide useful features.\n' +
    '##                      Also, please note that software in backports WILL NOT receive any review\n' +
    '##                      or updates from the Ubuntu security team.\n' +
    '## Components: Aside from main, the following components can be added to the list\n' +
    '##   restricted  - Software that may not be under a free license, or protected by patents.\n' +
    '##   universe    - Community maintained packages. Software in this repository receives maintenance\n' +
    '##                 from volunteers in the Ubuntu community, or a 10 year security maintenance\n' +
    '##                 commitment from Canonical when an Ubuntu Pro subscription is attached.\n' +
    '##   multiverse  - Community maintained of restricted. Software from this repository is\n' +
    '##                 ENTIRELY UNSUPPORTED by the Ubuntu team, and may not be under a free\n' +
    '##                 licence. Please satisfy yourself as to your rights to use the software.\n' +
    '##                 Also, please note that software in multiverse WILL NOT receive any\n' +
    '##                 review or updates from the Ubuntu security team.\n' +
    '##\n' +
    '## See the sources.list(5) manual page for further settings.\n' +
    `Types: deb\nURIs: ${ARCHIVE}\nSuites: ${codename} ${codename}-updates ${codename}-backports\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n` +
    '\n' +
    '## Ubuntu security updates. Aside from URIs and Suites,\n' +
    '## this should mirror your choices in the previous section.\n' +
    `Types: deb\nURIs: ${SECURITY}\nSuites: ${codename}-security\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n`
  );
}

/** Releases (codenames) that ship deb822 ubuntu.sources instead of the classic list: 24.04 and later. */
export function usesDeb822(codename: string): boolean {
  return !['trusty', 'xenial', 'bionic', 'focal', 'jammy', 'precise'].includes(codename);
}
