/**
 * The in-place label editor: an input over a node's (or an edge's) label, opened by a double
 * click, or F2 for the selected node.
 * Enter (or leaving the field) commits the label as one undo step (`setNodeField`, `setEdgeText`), Escape keeps
 * the old one. An empty label is refused, with a sentence under the field, and leaving an empty
 * field keeps the old label, so nothing is lost by clicking elsewhere.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { runAction } from '../actions/registry';
import { useT } from '../i18n';
import { endLabelEdit, useCanvasModes, type LabelTarget } from '../store/canvasModes';

/** Whether this node's label is being edited in place (a boolean, so nodes re-render rarely). */
export function useEditingLabel(nodeId: string): boolean {
  return useCanvasModes((s) => s.editing?.kind === 'node' && s.editing.id === nodeId);
}

/** Whether this edge's label is being edited in place. */
export function useEditingEdgeLabel(edgeId: string): boolean {
  return useCanvasModes((s) => s.editing?.kind === 'edge' && s.editing.id === edgeId);
}

export interface LabelEditorProps {
  /** The node or edge whose label is edited. */
  target: LabelTarget;
  /** The label as it is (empty when there is none). */
  label: string;
  /** The field's accessible name. */
  name: string;
  /** Several lines (a step's card) or one (a caption, an edge's label). */
  multiline?: boolean;
}

export function LabelEditor({ target, label, name, multiline }: LabelEditorProps) {
  const t = useT();
  const problemId = useId();
  const [draft, setDraft] = useState(label);
  const [empty, setEmpty] = useState(false);
  const field = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  // Enter, Escape and the blur that follows them must act once.
  const finished = useRef(false);

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  const finish = (commit: boolean) => {
    if (finished.current) return;
    if (commit && draft.trim() === '') {
      setEmpty(true);
      return;
    }
    finished.current = true;
    endLabelEdit();
    const value = draft.trim();
    if (!commit || value === label) return;
    if (target.kind === 'node') {
      runAction('setNodeField', { id: target.id, field: 'label', value });
    } else {
      runAction('setEdgeText', { id: target.id, field: 'label', value });
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // The canvas and the shortcuts leave typing alone; Enter and Escape are the editor's own.
    event.stopPropagation();
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      finish(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish(false);
    }
  };

  const common = {
    ref: field,
    className: `fp-label-editor nodrag nopan nowheel${empty ? ' fp-label-editor--invalid' : ''}`,
    value: draft,
    'aria-label': name,
    'aria-invalid': empty || undefined,
    'aria-describedby': empty ? problemId : undefined,
    onChange: (event: { target: { value: string } }) => {
      setDraft(event.target.value);
      if (event.target.value.trim() !== '') setEmpty(false);
    },
    onKeyDown,
    // Leaving an empty field keeps the old label rather than refusing into the void.
    onBlur: () => finish(draft.trim() !== ''),
    onDoubleClick: (event: { stopPropagation(): void }) => event.stopPropagation(),
  };
  return (
    <div className="fp-label-editor__wrap nodrag nopan">
      {multiline ? <textarea {...common} rows={3} /> : <input {...common} type="text" />}
      {empty && (
        <div className="fp-label-editor__problem" id={problemId} role="alert">
          {t('editing.notice.labelEmpty')}
        </div>
      )}
    </div>
  );
}
