'use server'

import { redirect } from 'next/navigation'
import { trackingPath } from '@/lib/reports/dto'
import {
  HONEYPOT_FIELD,
  reportInputFromValues,
  reportValuesFromFormData,
  type ReportFormState,
} from '@/lib/reports/form'
import { createReport } from '@/lib/reports/mutations'
import { messageFor } from '@/lib/result'
import { actionRequestHeaders, limitReportSubmission } from '@/lib/security/rate-limits'

/**
 * The public report form. On success, goes to the private tracking page with the confirmation
 * banner (works without JavaScript); on invalid input, hands back every typed value and the errors.
 */
export async function submitReportAction(_prev: ReportFormState, form: FormData): Promise<ReportFormState> {
  const values = reportValuesFromFormData(form)
  const honeypot = form.get(HONEYPOT_FIELD)
  // A filled honeypot is a bot: answer as if all went well, store nothing.
  if (typeof honeypot === 'string' && honeypot.trim() !== '') return { status: 'received', values, fieldErrors: {} }

  // Over a limit: the French message above the form, every typed value kept.
  const limit = await limitReportSubmission(await actionRequestHeaders(), { fullName: values.fullName, login: values.login })
  if (!limit.ok) return { status: 'editing', values, fieldErrors: {}, formError: limit.message }

  const result = await createReport(reportInputFromValues(values))
  if (!result.ok) {
    return { status: 'editing', values, fieldErrors: result.fieldErrors ?? {}, formError: messageFor(result.code) }
  }
  redirect(`${trackingPath(result.value.reference, result.value.token)}&nouveau=1`)
}
