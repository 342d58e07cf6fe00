export default function HomePage() {
  return (
    <main className="container">
      <h1>Relais</h1>
      <p>Le formulaire de signalement arrive.</p>
    </main>
  )
}
