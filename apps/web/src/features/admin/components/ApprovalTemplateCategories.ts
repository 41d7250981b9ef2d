import type { ApprovalTemplate } from '@ringi/contracts';
import { useI18n } from 'vue-i18n';

/** The 専決規程 categories the demo town uses; administrators may add their own (shown by their code). */
export const KNOWN_CATEGORIES = ['general', 'expenditure', 'personnel', 'attendance', 'circulation'] as const;

/** Categories in a sensible order: the known ones, then those of the templates (by their order), then the rest. */
export function categoriesOf(
  templates: readonly ApprovalTemplate[],
  extra: readonly string[] = [],
): string[] {
  const byOrder = [...templates].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  return [...new Set<string>([...KNOWN_CATEGORIES, ...byOrder.map((t) => t.category), ...extra])];
}

/** 「支出」 for `expenditure`, 「すべての区分」 for null, the code itself for a category of the town's own. */
export function useCategoryLabel(): (category: string | null) => string {
  const { t, te } = useI18n();
  return (category) => {
    if (category === null) return t('approvals.admin.categories.all');
    const key = `approvals.admin.categories.names.${category}`;
    return te(key) ? t(key) : category;
  };
}
