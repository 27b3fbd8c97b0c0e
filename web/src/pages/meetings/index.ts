// The meetings pages, loaded on demand from App.tsx (React.lazy) as one chunk of their own.
export { BriefingPage } from './BriefingPage';
export { MeetingPage } from './MeetingPage';
export { MeetingsPage } from './MeetingsPage';
