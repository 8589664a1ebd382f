/**
 * The printable one-page report of a blueprint for a manager (SPEC §10 "Reports"): the
 * language-free model ({@link buildReport}) and its HTML ({@link renderReportHtml}), shared by the
 * command line's `report` and the app's Print report.
 */
export {
  buildReport,
  shortDescription,
  DESCRIPTION_LENGTH,
  type ReportChoice,
  type ReportFailPoint,
  type ReportInput,
  type ReportLoss,
  type ReportModel,
  type ReportOption,
  type ReportScenario,
  type ReportScenarioMoney,
} from './model';
export {
  renderReportArticle,
  renderReportHtml,
  REPORT_CSS,
  PARETO_ROWS,
  SCENARIO_ROWS,
  OPTION_ROWS,
  type ReportHtmlOptions,
} from './html';
export { REPORT_MESSAGES, type ReportLanguage, type ReportMessages } from './messages';
