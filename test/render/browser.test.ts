import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncReport } from "../../src/model.js";
import { renderReport } from "../../src/render/index.js";
import { browserAvailable, launchBrowser } from "../helpers/browser.js";
import { demoReport, hostileReport, HOSTILE_SUBJECT } from "../helpers/reports.js";

const enabled = browserAvailable();

describe.skipIf(!enabled)("the HTML report in headless Chromium", () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let demo: Awaited<ReturnType<typeof demoReport>>;
  let hostile: Awaited<ReturnType<typeof hostileReport>>;
  const files = mkdtempSync(join(tmpdir(), "driftlog-html-"));
  beforeAll(async () => {
    [browser, demo, hostile] = await Promise.all([launchBrowser(), demoReport(), hostileReport()]);
  });
  afterAll(async () => {
    await browser?.close();
    demo?.cleanup();
    hostile?.repo.remove();
    rmSync(files, { recursive: true, force: true });
  });

  /** Opens the report from a file:// URL and records console errors, dialogs and every request. */
  async function open(report: SyncReport, name: string, viewport?: { width: number; height: number }) {
    const path = join(files, `${name}.html`);
    writeFileSync(path, await renderReport("html", report));
    const page = await browser.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on("request", (request) => requests.push(request.url()));
    const url = pathToFileURL(path).href;
    await page.goto(url, { waitUntil: "load" });
    return { page, problems, requests: () => requests.filter((request) => request !== url) };
  }

  it("loads with no request and no console error, filters and sorts the table, and draws the charts", async () => {
    const { page, problems, requests } = await open(demo.report, "demo");
    const visible = () => page.locator("#change-table tbody tr:visible");
    // It opens on the changes still to pick, ranked first.
    const pending = demo.report.summary.unsynced + demo.report.summary.partial;
    expect(await visible().count()).toBe(pending);
    expect(await page.locator("#change-table tbody tr").evaluateAll((rows) => rows.slice(0, 4).map((row) => row.getAttribute("data-status")))).toEqual(expect.arrayContaining(["unsynced", "partial"]));
    await page.selectOption("#filter-status", "");
    expect(await visible().count()).toBe(demo.report.changes.length);

    await page.selectOption("#filter-status", "unsynced");
    expect(await visible().count()).toBe(demo.report.summary.unsynced);
    expect(await visible().evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")))).toEqual(Array(demo.report.summary.unsynced).fill("unsynced"));

    await page.selectOption("#filter-status", "");
    await page.selectOption("#filter-category", "compose");
    const compose = demo.report.changes.filter((change) => change.categories.includes("compose")).length;
    expect(await visible().count()).toBe(compose);
    await expect.poll(() => page.textContent("#shown")).toBe(`${compose} of ${demo.report.changes.length} shown`);

    await page.selectOption("#filter-category", "");
    await page.selectOption("#sort", "oldest");
    const ages = await visible().evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-age"))));
    expect(ages).toEqual([...ages].sort((a, b) => b - a));

    for (const id of ["#chart-status svg", "#chart-age svg", "#chart-trend svg"]) {
      const box = await page.locator(id).boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(50);
    }
    expect(await page.locator("#chart-status rect").evaluateAll((rects) => rects.filter((rect) => rect.getBoundingClientRect().width > 0).length)).toBeGreaterThan(3);

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/sync-report.png", fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    const background = await page.evaluate<string>("getComputedStyle(document.body).backgroundColor");
    expect(background).toBe("rgb(13, 17, 23)");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/sync-report-phone-dark.png", fullPage: false });
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    // Each drift table fits a phone's screen, with nothing to scroll sideways.
    const driftTables = await page.locator("table.drift:visible").all();
    expect(driftTables.length).toBeGreaterThan(3);
    for (const table of driftTables) {
      const fit = await table.evaluate((element) => ({ width: element.getBoundingClientRect().right, scroll: element.parentElement!.scrollWidth - element.parentElement!.clientWidth }));
      expect(fit.width).toBeLessThanOrEqual(390);
      expect(fit.scroll).toBe(0);
    }
    await expect.poll(() => page.locator("#drift-verify pre").isVisible()).toBe(false);
    await page.locator("#drift-verify summary").click();
    expect(await page.locator("#drift-verify pre").textContent()).toContain("helm template charts/router > /dev/null");

    expect(problems).toEqual([]);
    expect(requests()).toEqual([]);
  });

  it("at 390 px shows cards with the Pick column visible, and the still-to-pick filter works", async () => {
    const { page, problems, requests } = await open(demo.report, "phone", { width: 390, height: 844 });
    const visible = () => page.locator("#change-table tbody tr:visible");
    const pending = demo.report.summary.unsynced + demo.report.summary.partial;
    expect(await visible().count()).toBe(pending);
    expect(await visible().evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")).every((status) => status === "unsynced" || status === "partial"))).toBe(true);
    // Every visible card shows its Pick cell inside the screen.
    const picks = await page.locator("#change-table tbody tr:visible td.pick").all();
    expect(picks).toHaveLength(pending);
    for (const pick of picks) {
      expect(await pick.isVisible()).toBe(true);
      const box = (await pick.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await page.locator("#change-table tbody tr:visible td.pick").allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/conflict/)]));
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    // The header date stays on one line.
    const date = (await page.locator("header .nowrap").boundingBox())!;
    expect(date.height).toBeLessThan(30);
    await page.selectOption("#filter-status", "synced");
    expect(await visible().count()).toBe(demo.report.summary.synced);
    await page.selectOption("#filter-status", "pending");
    expect(await visible().count()).toBe(pending);
    await page.screenshot({ path: "test-results/sync-report-phone.png", fullPage: true });
    expect(problems).toEqual([]);
    expect(requests()).toEqual([]);
  });

  it("shows a hostile commit subject and body as text", async () => {
    const { page, problems, requests } = await open(hostile.report, "hostile");
    const subjects = await page.locator("#change-table .subject").allTextContents();
    expect(subjects).toContain(HOSTILE_SUBJECT.replace(/\u001b\[\d+m/g, ""));
    expect(await page.locator("img, #change-table script, a[href^='javascript']").count()).toBe(0);
    expect(await page.locator("[onerror], [onclick]").count()).toBe(0);
    await page.locator("#change-table details summary").first().click();
    const body = await page.locator("#change-table .body").first().textContent();
    expect(body).toContain("<script>alert(3)</script>");
    expect(body).toContain("{{#each this}}{{constructor.name}}{{/each}}");
    expect(problems).toEqual([]);
    expect(requests()).toEqual([]);
  });
});
