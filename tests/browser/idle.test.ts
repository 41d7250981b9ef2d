import { DEMO_PASSWORD } from '../../apps/api/src/modules/org/seed/demo-town';
import { browserSuite, openSession, screenshot, signIn, withScreenshotOnFailure } from './support';

/** The 30-minute idle timeout warns first and lets people continue; the page clock is driven by the test. */
describe('idle timeout warning (iPad)', () => {
  const suite = browserSuite();

  it('warns three minutes before, keeps the session on 作業を続ける, and signs out when ignored', async () => {
    const { page, context } = await openSession(suite.browser, 'ipad');
    await page.clock.install();
    await withScreenshotOnFailure(page, 'idle', async () => {
      await signIn(page, suite.app.url, '1010', DEMO_PASSWORD);
      await page.waitForURL(`${suite.app.url}/`);
      await page.getByRole('main').waitFor();

      await page.clock.fastForward('26:00');
      expect(await page.getByRole('dialog').count()).toBe(0);
      await page.clock.fastForward('01:30');
      const dialog = page.getByRole('dialog', { name: 'まもなく自動でサインアウトします' });
      await dialog.waitFor();
      await screenshot(page, 'ipad-idle-warning');
      await dialog.getByRole('button', { name: '作業を続ける' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await page.clock.fastForward('29:00');
      await dialog.waitFor();
      await page.clock.fastForward('01:05');
      await page.waitForURL(/\/sign-in/);
      await page.getByText('一定時間操作がなかったため、サインアウトしました。', { exact: false }).waitFor();
    });
    await context.close();
  });
});
