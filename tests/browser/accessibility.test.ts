import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { browserSuite, openSession, signIn, type ViewportName, seriousViolations } from './support';

/** Staff who use a keyboard or a screen reader: no serious WCAG 2.1 AA problem on the main screens. */
describe.each<ViewportName>(['desktop', 'ipad'])('accessibility (%s)', (viewport) => {
  const suite = browserSuite();

  it('has no serious or critical axe findings on sign-in, home, account and the admin screens', async () => {
    const { page, context } = await openSession(suite.browser, viewport);
    const findings: Record<string, string[]> = {};
    await page.goto(`${suite.app.url}/sign-in`);
    await page.getByLabel('職員番号').waitFor();
    findings['/sign-in'] = await seriousViolations(page);

    await signIn(page, suite.app.url, '1005', DEMO_PASSWORD);
    await page.waitForURL(`${suite.app.url}/`);
    for (const path of [
      '/',
      '/account',
      '/directory',
      '/admin/staff',
      '/admin/departments',
      '/admin/staff/import',
      '/admin/audit',
      '/admin/approval-templates',
      '/admin/decision-authority',
      '/approvals',
      '/approvals/search',
      '/approvals/new',
    ]) {
      await page.goto(`${suite.app.url}${path}`);
      await page.getByRole('main').waitFor();
      await page.waitForLoadState('networkidle');
      findings[path] = await seriousViolations(page);
    }
    expect(Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length))).toEqual({});
    await context.close();
  }, 180_000);

  it('would notice a broken page (the check is not a rubber stamp)', async () => {
    const { page, context } = await openSession(suite.browser, viewport);
    await page.setContent('<html><body><input type="text"><button></button><img src="x.png"></body></html>');
    expect((await seriousViolations(page)).length).toBeGreaterThan(0);
    await context.close();
  });

  it('lets a keyboard user sign in: skip to the form, type, press Enter', async () => {
    const { page, context } = await openSession(suite.browser, viewport);
    await page.goto(`${suite.app.url}/sign-in`);
    await page.getByLabel('職員番号').focus();
    await page.keyboard.type('1010');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${suite.app.url}/`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    expect(first).toMatch(/本文へ|メインへ|スキップ|skip/i);
    await context.close();
  });
});
