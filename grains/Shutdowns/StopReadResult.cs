using Grid.Grains.Text;

namespace Grid.Grains.Shutdowns;

/// <summary>
/// What <see cref="StopCsv"/> read: the rows it kept, a problem for each row it left out, and a
/// note for each row it kept but read in part (an end date that is not a date, or is before the start).
/// </summary>
public sealed record StopReadResult(IReadOnlyList<StopRecord> Records, IReadOnlyList<InputProblem> Problems, IReadOnlyList<InputProblem> Notes);
