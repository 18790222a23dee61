import type { ThemeConfig } from 'antd';

/** antd's default look with the deep red of a Chinese government work console. */
export const brandRed = '#c8161d';
export const headerRed = '#a8071a';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brandRed,
    colorLink: brandRed,
    colorInfo: '#1677ff',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: headerRed, headerHeight: 56, headerPadding: '0 20px', siderBg: '#fff', bodyBg: '#f3f4f6' },
    Menu: { itemSelectedBg: '#fff1f0', itemSelectedColor: brandRed },
    Table: { headerBg: '#fafafa', cellPaddingBlockSM: 6 },
    Card: { headerFontSize: 15 },
  },
};
