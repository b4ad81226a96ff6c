import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { parseLibraryCard } from '../../../src/contracts/library-card.ts';
import { useUser } from '../session.tsx';
import './library.css';

/** A chat message that shares a library entry is drawn as a card linking to the entry; others are text. */
export function MessageBody({ body }: { body: string }) {
  const { t } = useTranslation('library');
  const role = useUser().role;
  const card = parseLibraryCard(body);
  if (!card) return <p className="chat-body">{body}</p>;
  const [title, organization, url] = card.lines;
  return (
    <div className="chat-body library-card">
      <p className="library-card-kind">{t('card.label')}</p>
      <p>
        <Link to={`/${role}/library/${card.id}`}>{title}</Link>
      </p>
      {organization && <p className="hint">{organization}</p>}
      {url && <p className="hint">{url}</p>}
    </div>
  );
}
