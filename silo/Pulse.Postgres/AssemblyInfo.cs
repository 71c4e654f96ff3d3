// The stream receiver is internal to the provider; its tests drive it directly against a real PostgreSQL.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Pulse.Postgres.Tests")]
