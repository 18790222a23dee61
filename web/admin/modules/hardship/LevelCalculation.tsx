import { Descriptions, Empty, Tag, Typography } from 'antd';
import { codeLabel } from '../../../../lib/code-tables';
import { levelColors, type LevelBasis } from './api';
import { t } from '../../i18n';

const yuan = (fen: number) => t.hardship.yuan(fen);
const mark = (ok: boolean) => <Tag color={ok ? 'red' : 'default'}>{ok ? t.hardship.yes : t.hardship.no}</Tag>;

/**
 * The level's calculation, step by step (SPEC §3.5): the household's income less its rigid
 * expenses, per person and month, against the 低保 line and twice it; then the accident test.
 */
export function LevelCalculation({ basis }: { basis: LevelBasis | null }) {
  if (!basis) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const b = basis;
  return (
    <div data-testid="level-calculation">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'income', label: t.hardship.calcIncome, children: yuan(b.incomeFen) },
          { key: 'expense', label: t.hardship.calcExpense, children: yuan(b.expenseFen) },
          { key: 'net', label: t.hardship.calcNet, children: yuan(b.netFen) },
          { key: 'per', label: t.hardship.calcPerCapita(b.householdSize), children: <Typography.Text strong data-testid="calc-per-capita">{yuan(b.perCapitaMonthlyFen)}</Typography.Text> },
          { key: 'line', label: t.hardship.calcLine(b.dibaoYear), children: yuan(b.dibaoLineFen) },
          { key: 'deep', label: t.hardship.calcDeep, children: mark(b.isDeep) },
          { key: 'relative', label: t.hardship.calcRelative, children: mark(b.isRelative) },
          { key: 'costs', label: `${t.hardship.calcCosts} / ${t.hardship.calcAccidentLine}`, children: `${yuan(b.hardshipCostsFen)} / ${yuan(Math.floor(b.accidentAboveFen))}` },
          { key: 'accident', label: t.hardship.calcAccident, children: mark(b.isAccidental) },
          { key: 'result', label: t.hardship.calcResult, children: <Tag color={levelColors[b.level]} data-testid="calc-level">{codeLabel('hardship_level', b.level)}</Tag> },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t.hardship.calcRule}</Typography.Paragraph>
    </div>
  );
}
