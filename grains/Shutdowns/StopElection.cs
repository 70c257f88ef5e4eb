namespace Grid.Grains.Shutdowns;

/// <summary>Whether a STOP row says its shutdown was tied to an election: "Yes", "No", or "Unknown" (also an empty cell, as the 2016–2018 sheet has throughout).</summary>
public enum StopElection
{
    Unknown = 0,
    Yes = 1,
    No = 2,
}
