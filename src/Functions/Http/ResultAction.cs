using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MigrationAgenda.Functions.Http;

/// <summary>Lets a Function return the same IResult the Shared endpoint logic produces for Standalone.</summary>
public sealed class ResultAction(IResult result) : IActionResult
{
    public IResult Result { get; } = result;

    public Task ExecuteResultAsync(ActionContext context) => Result.ExecuteAsync(context.HttpContext);
}
