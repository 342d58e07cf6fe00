import NextAuth from 'next-auth'
import { authOptions } from '@/lib/auth/config'
import { withReadableAuthBody } from '@/lib/http/auth-body'

const handler = NextAuth(authOptions)

export const GET = handler
export const POST = withReadableAuthBody(handler)
