namespace MigrationAgenda.Access;

/// <summary>Who vouches for the caller: the platform in front of the app, or nobody (one person on one machine).</summary>
public enum AuthMode
{
    /// <summary>
    /// App Service Authentication (Microsoft Entra ID) signs every caller in and passes the principal in
    /// X-MS-CLIENT-PRINCIPAL; a request without one is refused. The Functions app's default.
    /// </summary>
    AppService,

    /// <summary>
    /// No sign-in: every caller is "lokaal" with every role, and principal headers are ignored (anyone could send
    /// them). Standalone's default, for a machine's own loopback.
    /// </summary>
    Local,
}
