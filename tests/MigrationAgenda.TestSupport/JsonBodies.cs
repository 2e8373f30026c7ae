using System.Text;

namespace MigrationAgenda.TestSupport;

/// <summary>Bodies for the API's state-changing routes, which take JSON only (a command without data sends <c>{}</c>).</summary>
public static class JsonBodies
{
    public static StringContent Empty() => new("{}", Encoding.UTF8, "application/json");
}
