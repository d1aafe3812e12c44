// A small WebDriver client over the built-in fetch: just the calls the end-to-end tests use.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application) {
    const res = await request(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application } } },
    });
    return new Session(base, res.sessionId ?? res.value.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body).then((r) => r.value);
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  /** Waits until `css` matches an element (and `check`, given its id, holds). */
  async waitFor(css, check = async () => true, timeout = 8000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        const els = await this.findAll(css);
        for (const el of els) if (await check(el)) return el;
      } catch (e) {
        last = e;
      }
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${css}${last ? ` (${last.message})` : ''}`);
  }

  /** Waits until `fn` (run in the page) returns a truthy value, and returns it. */
  async until(what, script, args = [], timeout = 8000) {
    const end = Date.now() + timeout;
    let value;
    while (Date.now() < end) {
      value = await this.exec(script, args);
      if (value) return value;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(value)})`);
  }

  click(el) {
    return this.cmd('POST', `/element/${el}/click`, {});
  }

  type(el, text) {
    return this.cmd('POST', `/element/${el}/value`, { text });
  }

  clear(el) {
    return this.cmd('POST', `/element/${el}/clear`, {});
  }

  text(el) {
    return this.cmd('GET', `/element/${el}/text`);
  }

  property(el, name) {
    return this.cmd('GET', `/element/${el}/property/${name}`);
  }

  exec(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  actions(actions) {
    return this.cmd('POST', '/actions', { actions });
  }

  /** A PNG of the window, taken after two animation frames so it shows the current DOM. */
  async screenshot() {
    await this.cmd('POST', '/execute/async', {
      script: 'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));',
      args: [],
    });
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }

  end() {
    return request(this.base, 'DELETE', `/session/${this.id}`);
  }
}

export const KEYS = { enter: '\uE007', tab: '\uE004', control: '\uE009', escape: '\uE00C' };

export function elementRef(id) {
  return { [ELEMENT]: id };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json?.value?.error) {
    const v = json.value ?? {};
    throw new Error(`${method} ${path}: ${v.error ?? res.status} ${v.message ?? ''}`.trim());
  }
  return json;
}
