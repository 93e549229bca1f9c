/**
 * The official SDK v1 `StreamableHTTPServerTransport` on `/mcp` under express, wired as the SDK's
 * README shows, with one `echo` tool, in either mode:
 * - `stateful`: a transport per `initialize`, kept by its `Mcp-Session-Id`; GET and DELETE go to
 *   the session's transport; anything else gets the README's 400 answers;
 * - `stateless`: a fresh server and transport per POST (`sessionIdGenerator: undefined`); GET and
 *   DELETE are answered 405, as the SDK's stateless example does.
 * Run as a child: `node --import tsx sdk-streamable-server.ts stateful|stateless`. Listens on
 * 127.0.0.1, port 0, and prints `LISTENING http://127.0.0.1:<port>/mcp`.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import express, { type Request, type Response } from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

function buildServer(): McpServer {
  const server = new McpServer({ name: "sdk-streamable-echo", version: "0.0.1" });
  server.registerTool("echo", { description: "Echoes back the input", inputSchema: { message: z.string() } }, ({ message }) => ({
    content: [{ type: "text", text: `Echo: ${message}` }],
  }));
  return server;
}

const noSession = { jsonrpc: "2.0", error: { code: -32000, message: "Bad Request: No valid session ID provided" }, id: null };

function stateful(app: express.Express, transports: Map<string, StreamableHTTPServerTransport>): void {
  app.post("/mcp", async (req: Request, res: Response) => {
    const sessionId = req.headers["mcp-session-id"];
    let transport = typeof sessionId === "string" ? transports.get(sessionId) : undefined;
    if (!transport && sessionId === undefined && isInitializeRequest(req.body)) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void transports.set(id, created),
      });
      created.onclose = () => {
        if (created.sessionId) transports.delete(created.sessionId);
      };
      await buildServer().connect(created);
      transport = created;
    }
    if (!transport) {
      res.status(400).json(noSession);
      return;
    }
    await transport.handleRequest(req, res, req.body);
  });
  const sessionRequest = async (req: Request, res: Response): Promise<void> => {
    const sessionId = req.headers["mcp-session-id"];
    const transport = typeof sessionId === "string" ? transports.get(sessionId) : undefined;
    if (!transport) {
      res.status(400).send("Invalid or missing session ID");
      return;
    }
    await transport.handleRequest(req, res);
  };
  app.get("/mcp", sessionRequest);
  app.delete("/mcp", sessionRequest);
}

function stateless(app: express.Express): void {
  app.post("/mcp", async (req: Request, res: Response) => {
    const server = buildServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  const notAllowed = (_req: Request, res: Response): void => {
    res.status(405).json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null });
  };
  app.get("/mcp", notAllowed);
  app.delete("/mcp", notAllowed);
}

function main(): void {
  const mode = process.argv[2];
  if (mode !== "stateful" && mode !== "stateless") throw new Error("usage: sdk-streamable-server.ts stateful|stateless");
  const app = express();
  app.use(express.json());
  const transports = new Map<string, StreamableHTTPServerTransport>();
  if (mode === "stateful") stateful(app, transports);
  else stateless(app);
  const server = app.listen(0, "127.0.0.1", () => {
    process.stdout.write(`LISTENING http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp\n`);
  });
  const stop = (): void => {
    for (const transport of transports.values()) void transport.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main();
