// Langfuse's own SDK (@langfuse/client, pinned in package.json) against a promptledger
// server: what a team that switches by changing the base URL and keys relies on.
//
// Run by LangfuseSdkIT against the packaged jar. Environment:
//   LANGFUSE_BASE_URL                  the server
//   PL_EDITOR_PK, PL_EDITOR_SK         an editor's key pair (pk-lf-<token_id>, the token)
//   PL_VIEWER_PK, PL_VIEWER_SK         a viewer's
//   PL_MAINTAINER_PK, PL_MAINTAINER_SK a maintainer's
//   PL_GUARDED_LABEL                   a label whose policy needs an approval
//   PL_RUN                             a prefix that keeps this run's names apart
// Prints one line per check and exits non-zero at the first failure.
import http from "node:http";
import assert from "node:assert/strict";
import { LangfuseClient } from "@langfuse/client";

const env = process.env;
const baseUrl = env.LANGFUSE_BASE_URL;
const run = env.PL_RUN;
const client = (who, url = baseUrl) =>
  new LangfuseClient({ publicKey: env[`PL_${who}_PK`], secretKey: env[`PL_${who}_SK`], baseUrl: url });

const editor = client("EDITOR");
const viewer = client("VIEWER");
const maintainer = client("MAINTAINER");

let checks = 0;
async function check(name, body) {
  await body();
  checks++;
  console.log(`ok ${checks} - ${name}`);
}

async function refusal(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("the call was expected to fail");
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const textName = `${run}/support/greeting`;
const chatName = `${run}/support/chat`;

await check("create a text prompt with config, labels, tags and a commit message", async () => {
  const created = await editor.prompt.create({
    name: textName,
    prompt: "Hello {{name}}, welcome to {{place}}.",
    config: { model: "gpt-4o", temperature: 0.2 },
    labels: ["production"],
    tags: ["support", "greeting"],
    commitMessage: "first greeting",
  });
  assert.equal(created.name, textName);
  assert.equal(created.version, 1);
  assert.equal(created.type, "text");
  assert.equal(created.prompt, "Hello {{name}}, welcome to {{place}}.");
  assert.deepEqual(created.config, { model: "gpt-4o", temperature: 0.2 });
  assert.deepEqual([...created.labels].sort(), ["latest", "production"]);
  assert.deepEqual([...created.tags].sort(), ["greeting", "support"]);
  assert.equal(created.commitMessage, "first greeting");
});

await check("a second create is the next version; labels stay where they were", async () => {
  const second = await editor.prompt.create({
    name: textName,
    prompt: "Hi {{name}}! Glad to see you at {{place}}.",
    config: { model: "gpt-4o", temperature: 0.5 },
    commitMessage: "warmer",
  });
  assert.equal(second.version, 2);
  assert.deepEqual(second.labels, ["latest"]);
  assert.deepEqual([...second.tags].sort(), ["greeting", "support"], "tags stay when not given");
});

await check("get by the default label (production), by label and by version; compile()", async () => {
  const byDefault = await viewer.prompt.get(textName, { cacheTtlSeconds: 0 });
  assert.equal(byDefault.version, 1);
  assert.equal(byDefault.isFallback, false);
  assert.equal(byDefault.compile({ name: "Ada", place: "the lab" }), "Hello Ada, welcome to the lab.");
  assert.deepEqual(byDefault.config, { model: "gpt-4o", temperature: 0.2 });
  const latest = await viewer.prompt.get(textName, { label: "latest", cacheTtlSeconds: 0 });
  assert.equal(latest.version, 2);
  assert.deepEqual(latest.labels, ["latest"]);
  const byVersion = await viewer.prompt.get(textName, { version: 2, cacheTtlSeconds: 0 });
  assert.equal(byVersion.compile({ name: "Grace", place: "Harvard" }), "Hi Grace! Glad to see you at Harvard.");
  assert.equal(byVersion.commitMessage, "warmer");
});

await check("a chat prompt with a placeholder: create, get, compile", async () => {
  const created = await editor.prompt.create({
    name: chatName,
    type: "chat",
    prompt: [
      { role: "system", content: "You help customers of {{company}}." },
      { type: "placeholder", name: "history" },
      { role: "user", content: "{{question}}" },
    ],
    config: { model: "claude", max_tokens: 512 },
    labels: ["production"],
    tags: ["support"],
  });
  assert.equal(created.type, "chat");
  assert.equal(created.version, 1);
  const chat = await viewer.prompt.get(chatName, { type: "chat", cacheTtlSeconds: 0 });
  assert.equal(chat.prompt.length, 3);
  const messages = chat.compile(
    { company: "Acme", question: "Where is my order?" },
    { history: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello! How can I help?" }] },
  );
  assert.deepEqual(messages, [
    { role: "system", content: "You help customers of Acme." },
    { role: "user", content: "Hi" },
    { role: "assistant", content: "Hello! How can I help?" },
    { role: "user", content: "Where is my order?" },
  ]);
});

await check("update() moves labels to a version", async () => {
  const updated = await editor.prompt.update({ name: textName, version: 2, newLabels: ["production", "staging"] });
  assert.equal(updated.version, 2);
  assert.deepEqual([...updated.labels].sort(), ["latest", "production", "staging"]);
  const production = await viewer.prompt.get(textName, { cacheTtlSeconds: 0 });
  assert.equal(production.version, 2);
});

await check("list with a tag filter and page metadata", async () => {
  const page = await viewer.api.prompts.list({ tag: "support", limit: 1, page: 1 });
  const ours = (await viewer.api.prompts.list({ tag: "support", limit: 100 })).data.filter((p) =>
    p.name.startsWith(`${run}/`),
  );
  assert.equal(page.data.length, 1);
  assert.ok(page.meta.totalItems >= 2);
  assert.equal(page.meta.totalPages, page.meta.totalItems);
  const text = ours.find((p) => p.name === textName);
  assert.deepEqual(text.versions, [1, 2]);
  assert.deepEqual(text.labels, ["latest", "production", "staging"]);
  assert.equal(text.type, "text");
  assert.deepEqual(text.lastConfig, { model: "gpt-4o", temperature: 0.5 });
  assert.ok(ours.some((p) => p.name === chatName && p.type === "chat"));
  const byName = await viewer.api.prompts.list({ name: chatName });
  assert.deepEqual(
    byName.data.map((p) => p.name),
    [chatName],
  );
});

await check("a label under a policy that needs approval is refused with 403, and nothing is written", async () => {
  const error = await refusal(
    editor.prompt.create({ name: textName, prompt: "sneaky", labels: [env.PL_GUARDED_LABEL] }),
  );
  assert.equal(error.statusCode, 403);
  assert.match(error.body.message, /approv/);
  const latest = await viewer.prompt.get(textName, { label: "latest", cacheTtlSeconds: 0 });
  assert.equal(latest.version, 2);
  const update = await refusal(editor.prompt.update({ name: textName, version: 1, newLabels: [env.PL_GUARDED_LABEL] }));
  assert.equal(update.statusCode, 403);
});

await check("roles apply: a viewer cannot create; a wrong secret is 401", async () => {
  const error = await refusal(viewer.prompt.create({ name: `${run}/viewer`, prompt: "x" }));
  assert.equal(error.statusCode, 403);
  const stranger = new LangfuseClient({ publicKey: env.PL_EDITOR_PK, secretKey: "sk-lf-wrong", baseUrl });
  const unauthorized = await refusal(stranger.prompt.get(textName, { cacheTtlSeconds: 0 }));
  assert.equal(unauthorized.statusCode, 401);
});

await check("a missing prompt is a 404", async () => {
  const error = await refusal(viewer.prompt.get(`${run}/does-not-exist`, { cacheTtlSeconds: 0 }));
  assert.equal(error.statusCode, 404);
  assert.equal(error.body.error, "LangfuseNotFoundError");
  const label = await refusal(viewer.prompt.get(textName, { label: "nowhere", cacheTtlSeconds: 0 }));
  assert.equal(label.statusCode, 404);
});

await check("the SDK's cache serves within its TTL, then refreshes in the background", async () => {
  const cached = client("VIEWER");
  const first = await cached.prompt.get(textName, { cacheTtlSeconds: 1 });
  assert.equal(first.version, 2);
  await editor.prompt.update({ name: textName, version: 1, newLabels: ["production"] });
  const withinTtl = await cached.prompt.get(textName, { cacheTtlSeconds: 1 });
  assert.equal(withinTtl.version, 2, "within its TTL the SDK serves what it cached");
  await sleep(1200);
  const stale = await cached.prompt.get(textName, { cacheTtlSeconds: 1 });
  assert.equal(stale.version, 2, "an expired entry is served while it is refreshed");
  let fresh = stale;
  for (let i = 0; i < 50 && fresh.version !== 1; i++) {
    await sleep(100);
    fresh = await cached.prompt.get(textName, { cacheTtlSeconds: 1 });
  }
  assert.equal(fresh.version, 1, "the refresh brings the moved label");
});

await check("fallback on a first fetch that fails; the last good value when the server goes away", async () => {
  // a proxy in front of the server that can be switched off
  let open = true;
  const target = new URL(baseUrl);
  const proxy = http.createServer((req, res) => {
    if (!open) {
      req.socket.destroy();
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  try {
    const through = client("VIEWER", `http://127.0.0.1:${proxy.address().port}`);
    const good = await through.prompt.get(textName, { cacheTtlSeconds: 1, maxRetries: 0 });
    assert.equal(good.isFallback, false);
    open = false;
    const fallback = await through.prompt.get(`${run}/never-fetched`, {
      fallback: "Hello {{name}} (fallback)",
      maxRetries: 0,
      fetchTimeoutMs: 2000,
    });
    assert.equal(fallback.isFallback, true);
    assert.equal(fallback.compile({ name: "Ada" }), "Hello Ada (fallback)");
    await sleep(1200);
    const last = await through.prompt.get(textName, { cacheTtlSeconds: 1, maxRetries: 0, fetchTimeoutMs: 2000 });
    assert.equal(last.version, good.version, "the last good value is served while the server is away");
  } finally {
    proxy.closeAllConnections();
    proxy.close();
  }
});

await check("delete removes the prompt; deleting a single version is not supported (501)", async () => {
  const version = await refusal(maintainer.prompt.delete(chatName, { version: 1 }));
  assert.equal(version.statusCode, 501);
  const denied = await refusal(editor.prompt.delete(chatName));
  assert.equal(denied.statusCode, 403);
  await maintainer.prompt.delete(chatName);
  const gone = await refusal(viewer.prompt.get(chatName, { cacheTtlSeconds: 0 }));
  assert.equal(gone.statusCode, 404);
});

console.log(`all ${checks} checks passed`);
