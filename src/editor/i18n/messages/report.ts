/**
 * The report view: the printable one-page report of the blueprint for a manager (SPEC §10).
 * The words on the page itself come from `src/document/report/messages.ts`, shared with the
 * command line; these are the view's own.
 */
export const report = {
  en: {
    menuItem: 'Print report…',
    viewLabel: 'Report: {title}',
    untitled: 'Untitled blueprint',
    heading: 'Report',
    hint: 'One A4 page. Print it, or choose “Save as PDF” in the print dialog.',
    print: 'Print…',
    close: 'Close',
    pageLabel: 'The report as it will print',
    stageLabel: 'The printed page',
    invalid:
      'The blueprint has problems, so there are no figures to report. Fix them in the Problems tab and open the report again.',
    failed: 'The report could not be made: {reason}',
    loading: 'Making the report…',
  },
  zh: {
    menuItem: '打印报告…',
    viewLabel: '报告：{title}',
    untitled: '未命名蓝图',
    heading: '报告',
    hint: '一页 A4 纸。可直接打印，或在打印对话框中选择“另存为 PDF”。',
    print: '打印…',
    close: '关闭',
    pageLabel: '报告的打印效果',
    stageLabel: '打印页面',
    invalid: '蓝图存在问题，无法得出报告所需的数据。请在“问题”页修正后重新打开报告。',
    failed: '无法生成报告：{reason}',
    loading: '正在生成报告…',
  },
} as const;
