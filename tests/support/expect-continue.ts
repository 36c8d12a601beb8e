// A write whose client waits for leave (Expect: 100-continue) before it sends its body: what the server
// answered, and whether it let the body come (it must not, for a write it refuses).
import { request, type IncomingMessage, type RequestOptions } from "node:http";

export function postExpectingContinue(target: string | URL | RequestOptions, headers: Record<string, string>): Promise<{ status: number; continued: boolean }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const options: RequestOptions = { method: "POST", headers: { expect: "100-continue", ...headers } };
    const onAnswer = (res: IncomingMessage) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, continued }));
    };
    const req = typeof target === "string" || target instanceof URL ? request(target, options, onAnswer) : request({ ...target, ...options }, onAnswer);
    req.on("continue", () => {
      continued = true;
      req.end("{}");
    });
    req.on("error", reject);
    req.flushHeaders();
  });
}
