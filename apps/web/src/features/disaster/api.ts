import type {
  AnswerDisasterRollCallRequest,
  DisasterRollCall,
  DisasterRollCallList,
  DisasterTally,
  StartDisasterRollCallRequest,
} from '@ringi/contracts';
import { http } from '../../app/http';

const base = '/api/disaster/roll-calls';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const listRollCalls = (state: 'open' | 'closed', quiet = false) =>
  http.get<DisasterRollCallList>(base, { query: { state }, quiet });
/** Quiet: the screen says what went wrong itself. */
export const startRollCall = (body: StartDisasterRollCallRequest) =>
  http.post<DisasterRollCall>(base, body, { quiet: true });
export const getRollCall = (id: string) => http.get<DisasterRollCall>(one(id), { quiet: true });
export const answerRollCall = (id: string, body: AnswerDisasterRollCallRequest) =>
  http.put<DisasterRollCall>(`${one(id)}/answer`, body, { quiet: true });
export const closeRollCall = (id: string) => http.post<DisasterRollCall>(`${one(id)}/close`, undefined);
export const getTally = (id: string) => http.get<DisasterTally>(`${one(id)}/tally`, { quiet: true });
