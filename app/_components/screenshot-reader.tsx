'use client'

import { useId, useRef, useState } from 'react'
import { fieldIds } from './field'

// "Or pick a screenshot": the text of the image is read in this browser and put in the message
// box, where the live diagnosis picks it up as if typed. The OCR engine (lib/ocr/) loads only when
// an image is picked. The file input has no name: it is never part of the submitted form, and
// nothing about the image (file, name, size) reaches the server.

type Reading =
  | { phase: 'idle' }
  | { phase: 'reading'; progress: number }
  | { phase: 'read'; lowConfidence: boolean }
  | { phase: 'failed'; reason: 'unreadable' | 'empty' }

type OcrModule = typeof import('@/lib/ocr/read-screenshot')

export function ScreenshotReader({ onText }: { onText: (text: string) => void }) {
  const [reading, setReading] = useState<Reading>({ phase: 'idle' })
  const current = useRef(0)
  const inputId = useId()
  const hintId = `${inputId}-hint`

  async function read(file: File) {
    const run = ++current.current
    setReading({ phase: 'reading', progress: 0 })
    let ocr: OcrModule
    let result: Awaited<ReturnType<OcrModule['readScreenshot']>>
    try {
      ocr = await import('@/lib/ocr/read-screenshot')
      result = await ocr.readScreenshot(file, (progress) => {
        if (run === current.current) setReading({ phase: 'reading', progress })
      })
    } catch (error) {
      console.error(error)
      if (run === current.current) setReading({ phase: 'failed', reason: 'unreadable' })
      return
    }
    if (run !== current.current) return // a newer image was picked meanwhile
    if (!result.text) {
      setReading({ phase: 'failed', reason: 'empty' })
      return
    }
    const box = document.getElementById(fieldIds('message').input)
    if (box instanceof HTMLTextAreaElement) box.value = result.text
    onText(result.text)
    setReading({ phase: 'read', lowConfidence: result.confidence < ocr.LOW_CONFIDENCE })
  }

  return (
    <div className="screenshot-reader">
      <label htmlFor={inputId}>Ou choisissez une capture d’écran de l’erreur</label>
      <p id={hintId} className="hint">
        Le texte de l’image est lu sur votre appareil : l’image n’est jamais envoyée.
      </p>
      <input
        id={inputId}
        type="file"
        accept="image/*"
        aria-describedby={hintId}
        disabled={reading.phase === 'reading'}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0]
          // Nothing of the image stays in the form once it has been read.
          event.currentTarget.value = ''
          if (file) void read(file)
        }}
      />
      <ReadingStatus reading={reading} />
    </div>
  )
}

function ReadingStatus({ reading }: { reading: Reading }) {
  return (
    <div role="status" aria-live="polite" className="screenshot-status">
      {reading.phase === 'reading' ? (
        <>
          <progress max={1} value={reading.progress} aria-label="Lecture de l’image" />
          <p className="hint">Lecture de l’image en cours. Elle reste sur votre appareil et n’est envoyée nulle part.</p>
        </>
      ) : null}
      {reading.phase === 'read' ? (
        <p className={reading.lowConfidence ? 'notice notice-warn' : 'notice notice-info'}>
          <strong>Vérifiez le texte lu</strong> dans la case ci-dessus et corrigez-le si besoin.
          {reading.lowConfidence
            ? ' L’image était difficile à lire : comparez avec l’écran, ou recopiez le message si des mots sont faux.'
            : null}
        </p>
      ) : null}
      {reading.phase === 'failed' ? (
        <p className="notice notice-warn">
          {reading.reason === 'empty' ? 'Aucun texte n’a été trouvé sur cette image.' : 'Cette image n’a pas pu être lue.'} Recopiez le
          message dans la case ci-dessus, ou essayez une autre capture.
        </p>
      ) : null}
    </div>
  )
}
