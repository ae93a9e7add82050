// The admin area's calls, through the one API client (app/src/api.ts).
import { requestJson } from '../api.js';
import type { NewTokenDto, TokenListDto, UserDto } from '../../../server/contracts/auth.js';
import type { Role } from '../../../server/contracts/vocabulary.js';

export type { Role, UserDto };
export type TokenDto = TokenListDto['items'][number];
export type NewToken = NewTokenDto;

export const listUsers = () => requestJson<{ items: UserDto[] }>('/api/admin/users').then((r) => r.items);
export const createUser = (u: { email: string; displayName: string; role: Role; password?: string }) =>
  requestJson<UserDto>('/api/admin/users', { method: 'POST', body: u });
export const updateUser = (id: string, patch: { role?: Role; disabled?: boolean; password?: string; displayName?: string }) =>
  requestJson<UserDto>(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
export const listTokens = () => requestJson<{ items: TokenDto[] }>('/api/admin/tokens').then((r) => r.items);
export const createToken = (t: { name: string; userId: string }) => requestJson<NewToken>('/api/admin/tokens', { method: 'POST', body: t });
export const revokeToken = (id: string) => requestJson<null>(`/api/admin/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
