namespace MigrationAgenda.TestSupport;

/// <summary>Waits, bounded, for something the workflow does in its own time.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        T value;
        while (!done(value = await read()))
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}. Last seen: {System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions { IncludeFields = true })}");
            await Task.Delay(100);
        }
        return value;
    }
}
