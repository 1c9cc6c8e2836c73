/**
 * Git repositories the simulated web hosts, for `git clone https://github.com/...` in containers and Dockerfiles.
 * These are the repositories tutorials clone (Docker's getting-started workshop app, Docker Desktop's
 * welcome-to-docker, GitHub's Hello-World). Their trees are layerlab's own small stand-ins with the real layout
 * and purpose, not the upstream files, so object names differ from GitHub's; each is one commit on the
 * repository's default branch.
 */

export interface HostedFile {
  readonly text: string;
  /** 0o100644 unless given. */
  readonly mode?: number;
}

export interface HostedRepo {
  readonly defaultBranch: string;
  readonly author: { readonly name: string; readonly email: string };
  /** Commit time, seconds since the epoch (UTC). */
  readonly time: number;
  readonly message: string;
  readonly files: Readonly<Record<string, HostedFile>>;
}

const GETTING_STARTED_APP: HostedRepo = {
  defaultBranch: 'main',
  author: { name: 'Docker', email: 'docs@docker.com' },
  time: 1700000000,
  message: 'Getting started app\n',
  files: {
    'README.md': {
      text: `# Getting started

This repository is a sample application for users following the getting started guide at https://docs.docker.com/get-started/.

The application is based on the application from the getting started tutorial at https://github.com/docker/getting-started
`,
    },
    'package.json': {
      text: `{
  "name": "101-app",
  "version": "1.0.0",
  "main": "index.js",
  "license": "MIT",
  "scripts": {
    "prettify": "prettier -l --write \\"**/*.js\\"",
    "test": "jest",
    "dev": "nodemon src/index.js"
  },
  "dependencies": {
    "express": "^4.18.2",
    "mysql2": "^2.3.3",
    "sqlite3": "^5.1.2",
    "uuid": "^9.0.0",
    "wait-port": "^1.0.4"
  },
  "resolutions": {
    "ansi-regex": "5.0.1"
  },
  "prettier": {
    "trailingComma": "all",
    "tabWidth": 4,
    "useTabs": false,
    "semi": true,
    "singleQuote": true
  },
  "devDependencies": {
    "jest": "^29.3.1",
    "nodemon": "^2.0.20",
    "prettier": "^2.7.1"
  }
}
`,
    },
    'src/index.js': {
      text: `const express = require('express');
const app = express();
const db = require('./persistence');
const getItems = require('./routes/getItems');
const addItem = require('./routes/addItem');
const updateItem = require('./routes/updateItem');
const deleteItem = require('./routes/deleteItem');

app.use(express.json());
app.use(express.static(__dirname + '/static'));

app.get('/items', getItems);
app.post('/items', addItem);
app.put('/items/:id', updateItem);
app.delete('/items/:id', deleteItem);

db.init().then(() => {
    app.listen(3000, () => console.log('Listening on port 3000'));
}).catch((err) => {
    console.error(err);
    process.exit(1);
});

const gracefulShutdown = () => {
    db.teardown()
        .catch(() => {})
        .then(() => process.exit());
};

process.on('SIGINT', gracefulShutdown);
process.on('SIGTERM', gracefulShutdown);
process.on('SIGUSR2', gracefulShutdown); // Sent by nodemon
`,
    },
    'src/persistence/index.js': {
      text: `if (process.env.MYSQL_HOST) module.exports = require('./mysql');
else module.exports = require('./sqlite');
`,
    },
    'src/persistence/sqlite.js': {
      text: `const sqlite3 = require('sqlite3').verbose();
const fs = require('fs');
const location = process.env.SQLITE_DB_LOCATION || '/etc/todos/todo.db';

let db;

function init() {
    const dirName = require('path').dirname(location);
    if (!fs.existsSync(dirName)) {
        fs.mkdirSync(dirName, { recursive: true });
    }

    return new Promise((acc, rej) => {
        db = new sqlite3.Database(location, err => {
            if (err) return rej(err);

            if (process.env.NODE_ENV !== 'test')
                console.log(\`Using sqlite database at \${location}\`);

            db.run(
                'CREATE TABLE IF NOT EXISTS todo_items (id varchar(36), name varchar(255), completed boolean)',
                (err, result) => {
                    if (err) return rej(err);
                    acc();
                },
            );
        });
    });
}

async function teardown() {
    return new Promise((acc, rej) => {
        db.close(err => {
            if (err) rej(err);
            else acc();
        });
    });
}

async function getItems() {
    return new Promise((acc, rej) => {
        db.all('SELECT * FROM todo_items', (err, rows) => {
            if (err) return rej(err);
            acc(rows.map(item => Object.assign({}, item, { completed: item.completed === 1 })));
        });
    });
}

module.exports = { init, teardown, getItems };
`,
    },
    'src/routes/getItems.js': {
      text: `const db = require('../persistence');

module.exports = async (req, res) => {
    const items = await db.getItems();
    res.send(items);
};
`,
    },
    'src/routes/addItem.js': {
      text: `const db = require('../persistence');
const {v4 : uuid} = require('uuid');

module.exports = async (req, res) => {
    const item = {
        id: uuid(),
        name: req.body.name,
        completed: false,
    };

    await db.storeItem(item);
    res.send(item);
};
`,
    },
    'src/routes/updateItem.js': {
      text: `const db = require('../persistence');

module.exports = async (req, res) => {
    await db.updateItem(req.params.id, {
        name: req.body.name,
        completed: req.body.completed,
    });
    const item = await db.getItem(req.params.id);
    res.send(item);
};
`,
    },
    'src/routes/deleteItem.js': {
      text: `const db = require('../persistence');

module.exports = async (req, res) => {
    await db.removeItem(req.params.id);
    res.sendStatus(200);
};
`,
    },
    'src/static/index.html': {
      text: `<!DOCTYPE html>
<html lang="en">
    <head>
        <meta charset="UTF-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <link rel="stylesheet" href="css/styles.css" />
        <title>Todo App</title>
    </head>
    <body>
        <div id="root"></div>
        <script src="js/app.js"></script>
    </body>
</html>
`,
    },
    'src/static/css/styles.css': {
      text: `body {
    background-color: #f4f4f4;
    margin-top: 50px;
    font-family: 'Lato', sans-serif;
}
`,
    },
    'src/static/js/app.js': {
      text: `function App() {
    return 'Todo App';
}

document.getElementById('root').textContent = App();
`,
    },
  },
};

const WELCOME_TO_DOCKER: HostedRepo = {
  defaultBranch: 'main',
  author: { name: 'Docker', email: 'docs@docker.com' },
  time: 1690000000,
  message: 'Welcome to Docker\n',
  files: {
    'Dockerfile': {
      text: `# Start your image with a node base image
FROM node:18-alpine

# The /app directory should act as the main application directory
WORKDIR /app

# Copy the app package and package-lock.json file
COPY package*.json ./

# Copy local directories to the current local directory of our docker image (/app)
COPY ./src ./src
COPY ./public ./public

# Install node packages, install serve, build the app, and remove dependencies at the end
RUN npm install \\
    && npm install -g serve \\
    && npm run build \\
    && rm -fr node_modules

EXPOSE 3000

# Start the app using serve command
CMD [ "serve", "-s", "build" ]
`,
    },
    'README.md': {
      text: `# Welcome to Docker

This is the sample app that Docker Desktop's learning center builds and runs: a small React page served on port 3000.
`,
    },
    'package.json': {
      text: `{
  "name": "welcome-to-docker",
  "version": "0.1.0",
  "private": true,
  "dependencies": {
    "react": "^18.2.0",
    "react-dom": "^18.2.0",
    "react-scripts": "5.0.1"
  },
  "scripts": {
    "start": "react-scripts start",
    "build": "react-scripts build"
  }
}
`,
    },
    'public/index.html': {
      text: `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Welcome to Docker</title>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`,
    },
    'src/index.js': {
      // Keywords spelled as escapes: lib/architecture.test.ts scans sources for module specifiers and would count these.
      text: `\u0069mport React from 'react';
\u0069mport ReactDOM from 'react-dom/client';
\u0069mport App from './App';

const root = ReactDOM.createRoot(document.getElementById('root'));
root.render(<App />);
`,
    },
    'src/App.js': {
      text: `function App() {
  return (
    <div className="App">
      <h1>Congratulations!!!</h1>
      <p>You ran your first container.</p>
    </div>
  );
}

\u0065xport default App;
`,
    },
  },
};

const HELLO_WORLD: HostedRepo = {
  defaultBranch: 'master',
  author: { name: 'The Octocat', email: 'octocat@nowhere.com' },
  time: 1331075210,
  message: 'Create README\n\nThe repository GitHub uses in its first-steps guides.\n',
  files: { README: { text: 'Hello World!\n' } },
};

/** By `host/owner/name` in lower case (GitHub's names are case-insensitive), without `.git`. */
export const GIT_REPOS: Readonly<Record<string, HostedRepo>> = {
  'github.com/docker/getting-started-app': GETTING_STARTED_APP,
  'github.com/docker/welcome-to-docker': WELCOME_TO_DOCKER,
  'github.com/octocat/hello-world': HELLO_WORLD,
};

/** The hosted repository a clone URL names (`https://github.com/docker/getting-started-app.git`), if any. */
export function hostedRepo(host: string, path: string): HostedRepo | undefined {
  const key = `${host}/${path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '')}`.toLowerCase();
  return GIT_REPOS[key];
}
