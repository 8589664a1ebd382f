/**
 * Help: what Failpoint is for, how to draw a blueprint, and every keyboard shortcut. The
 * shortcut list is built from the action registry, so it cannot drift from what the keys do.
 */
import { shortcutList } from '../actions/shortcuts';
import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { useShellState } from './shellState';

export function HelpDialog() {
  const t = useT();
  const open = useShellState((state) => state.helpOpen);
  const close = () => useShellState.setState({ helpOpen: false });
  const rows = shortcutList().map((entry) => ({
    id: entry.id,
    label: t(entry.labelKey),
    keys: entry.keys,
  }));
  return (
    <Dialog open={open} title={t('shell.helpTitle')} onClose={close} className="help-dialog">
      <p>{t('shell.helpIntro')}</p>
      <h3>{t('shell.helpHowTo')}</h3>
      <ul className="help-list">
        <li>{t('shell.helpAdd')}</li>
        <li>{t('shell.helpConnect')}</li>
        <li>{t('shell.helpRecovery')}</li>
        <li>{t('shell.helpScenarios')}</li>
        <li>{t('present.help')}</li>
      </ul>
      <h3 id="shortcuts-title">{t('shell.shortcuts')}</h3>
      {rows.length === 0 ? (
        <p>{t('shell.noShortcuts')}</p>
      ) : (
        <table className="data-table shortcut-table" aria-labelledby="shortcuts-title">
          <thead>
            <tr>
              <th scope="col">{t('shell.shortcutAction')}</th>
              <th scope="col">{t('shell.shortcutKeys')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.label}</th>
                <td>
                  {row.keys.map((keys) => (
                    <kbd key={keys}>{keys}</kbd>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
