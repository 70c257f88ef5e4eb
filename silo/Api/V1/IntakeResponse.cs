namespace Grid.Silo.Api.V1;

/// <summary>An item of a batch the intake refused, by its position in the batch (0-based), and why.</summary>
public sealed record RefusedItem(int Index, string Reason);

/// <summary>
/// What the intakes (<c>POST /v1/probes/results</c>, <c>POST /v1/signals</c>) answer: how many items
/// were kept, the first <see cref="Refusals.Listed"/> refused ones by index, and how many more were refused.
/// </summary>
public sealed record IntakeResponse(int Accepted, IReadOnlyList<RefusedItem> Refused, int MoreRefused = 0)
{
    public IntakeResponse(int accepted, Refusals refusals)
        : this(accepted, (refusals ?? throw new ArgumentNullException(nameof(refusals))).First, refusals.Count - refusals.First.Count)
    {
    }

    /// <summary>200 with the refusals listed when some were kept; 422 with the same body when a non-empty batch kept none.</summary>
    public IResult ToResult() => Accepted == 0 && Refused.Count > 0
        ? Results.Json(this, statusCode: StatusCodes.Status422UnprocessableEntity)
        : Results.Ok(this);
}
