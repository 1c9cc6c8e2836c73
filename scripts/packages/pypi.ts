/**
 * PyPI data. PyPI is not reachable from the machines that generate the catalog, so this table was written from
 * the projects' release pages (versions current for the python:3.12 image of early 2025, their Requires-Dist for
 * CPython 3.12 on Linux, and wheel sizes rounded to what pip prints). File trees are derived at install time.
 * Each release carries its Requires-Python; PY2 adds the last releases that support Python 2.7 (what pip 20 picks in
 * python:2.7), from pip transcripts of that image. See content/packages/APPROXIMATIONS.md.
 */

import { PACKAGES_FORMAT_VERSION, type ListedFile, type PypiIndex, type PypiRelease } from '../../lib/engine/packages/format';

/** name, version, wheel tag, wheel bytes, requirements, console scripts. */
type Row = readonly [string, string, string, number, readonly string[], (readonly string[])?];

const PURE = 'py3-none-any';
const CP312 = 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64';

const ROWS: readonly Row[] = [
  ['flask', '3.1.0', PURE, 102_979, ['Werkzeug>=3.1', 'Jinja2>=3.1.2', 'itsdangerous>=2.2', 'click>=8.1.3', 'blinker>=1.9'], ['flask']],
  ['Werkzeug', '3.1.3', PURE, 224_498, ['MarkupSafe>=2.1.1']],
  ['Jinja2', '3.1.5', PURE, 134_596, ['MarkupSafe>=2.0']],
  ['MarkupSafe', '3.0.2', CP312, 23_739, []],
  ['itsdangerous', '2.2.0', PURE, 16_234, []],
  ['click', '8.1.8', PURE, 98_188, []],
  ['blinker', '1.9.0', PURE, 8_458, []],
  ['requests', '2.32.3', PURE, 64_928, ['charset_normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<3,>=1.21.1', 'certifi>=2017.4.17']],
  ['charset-normalizer', '3.4.1', CP312, 145_977, [], ['normalizer']],
  ['idna', '3.10', PURE, 70_442, []],
  ['urllib3', '2.3.0', PURE, 128_369, []],
  ['certifi', '2025.1.31', PURE, 166_393, []],
  ['Django', '5.1.6', PURE, 8_277_453, ['asgiref<4,>=3.8.1', 'sqlparse>=0.3.1'], ['django-admin']],
  ['asgiref', '3.8.1', PURE, 23_828, []],
  ['sqlparse', '0.5.3', PURE, 44_415, [], ['sqlformat']],
  ['numpy', '2.2.3', 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64', 16_104_524, [], ['f2py', 'numpy-config']],
  ['pandas', '2.2.3', 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64', 12_701_010, ['numpy>=1.26.0', 'python-dateutil>=2.8.2', 'pytz>=2020.1', 'tzdata>=2022.7']],
  ['python-dateutil', '2.9.0.post0', 'py2.py3-none-any', 229_892, ['six>=1.5']],
  ['six', '1.17.0', 'py2.py3-none-any', 11_050, []],
  ['pytz', '2025.1', 'py2.py3-none-any', 507_930, []],
  ['tzdata', '2025.1', 'py2.py3-none-any', 346_762, []],
  ['gunicorn', '23.0.0', PURE, 85_029, ['packaging'], ['gunicorn']],
  ['packaging', '24.2', PURE, 65_451, []],
  ['fastapi', '0.115.8', PURE, 94_808, ['starlette<0.46.0,>=0.40.0', 'pydantic!=1.8,!=1.8.1,!=2.0.0,!=2.0.1,!=2.1.0,<3.0.0,>=1.7.4', 'typing-extensions>=4.8.0']],
  ['starlette', '0.45.3', PURE, 71_507, ['anyio<5,>=3.6.2']],
  ['anyio', '4.8.0', PURE, 96_041, ['idna>=2.8', 'sniffio>=1.1', 'typing_extensions>=4.5']],
  ['sniffio', '1.3.1', PURE, 10_235, []],
  ['pydantic', '2.10.6', PURE, 431_696, ['annotated-types>=0.6.0', 'pydantic-core==2.27.2', 'typing-extensions>=4.12.2']],
  ['pydantic_core', '2.27.2', CP312, 2_020_660, ['typing-extensions!=4.7.0,>=4.6.0']],
  ['annotated-types', '0.7.0', PURE, 13_643, []],
  ['typing_extensions', '4.12.2', PURE, 37_438, []],
  ['uvicorn', '0.34.0', PURE, 62_315, ['click>=7.0', 'h11>=0.8'], ['uvicorn']],
  ['h11', '0.14.0', PURE, 58_259, []],
  ['SQLAlchemy', '2.0.38', CP312, 3_225_070, ['typing-extensions>=4.6.0', 'greenlet!=0.4.17']],
  ['greenlet', '3.1.1', CP312, 613_592, []],
  ['pytest', '8.3.4', PURE, 343_083, ['iniconfig', 'packaging', 'pluggy<2,>=1.5'], ['py.test', 'pytest']],
  ['iniconfig', '2.0.0', PURE, 5_892, []],
  ['pluggy', '1.5.0', PURE, 20_556, []],
  ['redis', '5.2.1', PURE, 261_502, []],
  ['psycopg2-binary', '2.9.10', CP312, 3_043_447, []],
  ['PyYAML', '6.0.2', CP312, 767_499, []],
  ['python-dotenv', '1.0.1', PURE, 19_863, [], ['dotenv']],
  ['pillow', '11.1.0', 'cp312-cp312-manylinux_2_28_x86_64', 4_512_474, []],
  ['beautifulsoup4', '4.13.3', PURE, 186_015, ['soupsieve>1.2', 'typing-extensions>=4.0.0']],
  ['soupsieve', '2.6', PURE, 36_186, []],
  ['httpx', '0.28.1', PURE, 73_517, ['anyio', 'certifi', 'httpcore==1.*', 'idna'], ['httpx']],
  ['httpcore', '1.0.7', PURE, 78_551, ['certifi', 'h11<0.15,>=0.13']],
];

/** Requires-Python of the ROWS releases (from their PyPI pages); projects not named here declare none. */
const REQUIRES_PYTHON: Readonly<Record<string, string>> = {
  flask: '>=3.9', werkzeug: '>=3.9', jinja2: '>=3.7', markupsafe: '>=3.9', itsdangerous: '>=3.8', click: '>=3.7', blinker: '>=3.9',
  requests: '>=3.8', 'charset-normalizer': '>=3.7', idna: '>=3.6', urllib3: '>=3.9', certifi: '>=3.6',
  django: '>=3.10', asgiref: '>=3.8', sqlparse: '>=3.8', numpy: '>=3.10', pandas: '>=3.9',
  'python-dateutil': '!=3.0.*,!=3.1.*,!=3.2.*,>=2.7', six: '!=3.0.*,!=3.1.*,!=3.2.*,>=2.7', tzdata: '>=2',
  gunicorn: '>=3.7', packaging: '>=3.8', fastapi: '>=3.8', starlette: '>=3.9', anyio: '>=3.9', sniffio: '>=3.7',
  pydantic: '>=3.8', 'pydantic-core': '>=3.8', 'annotated-types': '>=3.8', 'typing-extensions': '>=3.8', uvicorn: '>=3.9', h11: '>=3.7',
  sqlalchemy: '>=3.7', greenlet: '>=3.7', pytest: '>=3.8', iniconfig: '>=3.7', pluggy: '>=3.8', redis: '>=3.8',
  'psycopg2-binary': '>=3.8', pyyaml: '>=3.8', 'python-dotenv': '>=3.8', pillow: '>=3.9', beautifulsoup4: '>=3.7.0',
  soupsieve: '>=3.8', httpx: '>=3.8', httpcore: '>=3.8',
};

/**
 * The last Python 2.7 releases: name, version, wheel file, bytes, requirements, console scripts, Requires-Python.
 * Requirements are in the order pip 20 on CPython 2.7 visits them (pkg_resources keeps them in a frozenset, so the
 * order is the one python:2.7 transcripts show, not the METADATA order) with their markers as pip prints them.
 * Wheel bytes reproduce the size pip prints (the exact byte counts are not known here).
 */
type Py2Row = readonly [string, string, string, number, readonly string[], readonly string[], string | undefined];
const PY2_PURE = 'py2.py3-none-any';
const PY2: readonly Py2Row[] = [
  ['Flask', '1.1.4', `Flask-1.1.4-${PY2_PURE}.whl`, 94_591, ['click<8.0,>=5.1', 'Werkzeug<2.0,>=0.15', 'Jinja2<3.0,>=2.10.1', 'itsdangerous<2.0,>=0.24'], ['flask'], '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*'],
  ['Werkzeug', '1.0.1', `Werkzeug-1.0.1-${PY2_PURE}.whl`, 298_646, [], [], '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*'],
  ['Jinja2', '2.11.3', `Jinja2-2.11.3-${PY2_PURE}.whl`, 125_699, ['MarkupSafe>=0.23'], [], '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*'],
  ['MarkupSafe', '1.1.1', 'MarkupSafe-1.1.1-cp27-cp27mu-manylinux1_x86_64.whl', 24_348, [], [], '>=2.7,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*'],
  ['itsdangerous', '1.1.0', `itsdangerous-1.1.0-${PY2_PURE}.whl`, 16_743, [], [], '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*'],
  ['click', '7.1.2', `click-7.1.2-${PY2_PURE}.whl`, 82_780, [], [], '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*'],
  ['requests', '2.27.1', `requests-2.27.1-${PY2_PURE}.whl`, 63_133, ['idna<3,>=2.5; python_version < "3"', 'chardet<5,>=3.0.2; python_version < "3"', 'urllib3<1.27,>=1.21.1', 'certifi>=2017.4.17'], [], '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*'],
  ['idna', '2.10', `idna-2.10-${PY2_PURE}.whl`, 58_753, [], [], '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*'],
  ['chardet', '4.0.0', `chardet-4.0.0-${PY2_PURE}.whl`, 178_743, [], ['chardetect'], '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*'],
  ['urllib3', '1.26.20', `urllib3-1.26.20-${PY2_PURE}.whl`, 144_225, [], [], '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*'],
  ['certifi', '2021.10.8', `certifi-2021.10.8-${PY2_PURE}.whl`, 149_195, [], [], undefined],
  ['Django', '1.11.29', `Django-1.11.29-${PY2_PURE}.whl`, 6_949_181, ['pytz'], ['django-admin'], undefined],
  ['redis', '3.5.3', `redis-3.5.3-${PY2_PURE}.whl`, 72_144, [], [], '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*'],
];

/** PEP 503 normalisation. */
export function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function pypiData(): { index: PypiIndex; files: Map<string, ListedFile[]> } {
  const projects: Record<string, PypiRelease> = {};
  for (const [name, version, tag, size, requires, scripts] of ROWS) {
    const requiresPython = REQUIRES_PYTHON[normalise(name)];
    projects[normalise(name)] = {
      name,
      version,
      wheel: `${name.toLowerCase().replace(/-/g, '_')}-${version}-${tag}.whl`,
      wheelSize: size,
      requires,
      ...(scripts ? { scripts } : {}),
      ...(requiresPython ? { requiresPython } : {}),
    };
  }
  const older: Record<string, PypiRelease[]> = {};
  for (const [name, version, wheel, size, requires, scripts, requiresPython] of PY2) {
    (older[normalise(name)] ??= []).push({ name, version, wheel, wheelSize: size, requires, ...(scripts.length > 0 ? { scripts } : {}), ...(requiresPython ? { requiresPython } : {}) });
  }
  return { index: { v: PACKAGES_FORMAT_VERSION, projects, older }, files: new Map<string, ListedFile[]>() };
}
