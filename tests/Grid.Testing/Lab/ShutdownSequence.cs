namespace Grid.Testing.Lab;

/// <summary>
/// What a collector sees of a country shutdown and its end: all routes announced, the routes of
/// some families withdrawn, then announced again; afterwards it dumps its RIB. Every step waits for
/// the collector to report the expected routes, so the files hold the whole story when it returns.
/// </summary>
internal sealed class ShutdownSequence(CountrySpeaker speaker, LabRouter collector, TimeSpan stepTimeout)
{
    public async Task RunAsync(RouteFamilies withdraw, string ribDumpFile)
    {
        var all = RouteCounts.Of(speaker.Set);
        var remaining = new RouteCounts(
            withdraw.HasFlag(RouteFamilies.IPv4) ? 0 : all.IPv4,
            withdraw.HasFlag(RouteFamilies.IPv6) ? 0 : all.IPv6);

        await collector.WaitForSessionAsync(speaker.Address, BgpLab.StartTimeout);
        await collector.WaitForRoutesAsync(speaker.Address, all, stepTimeout);
        await speaker.WithdrawAsync(withdraw);
        await collector.WaitForRoutesAsync(speaker.Address, remaining, stepTimeout);
        await speaker.AnnounceAsync(withdraw);
        await collector.WaitForRoutesAsync(speaker.Address, all, stepTimeout);

        var withdrawn = all.IPv4 + all.IPv6 - remaining.IPv4 - remaining.IPv6;
        await WaitForUpdatesFileAsync(announcements: all.IPv4 + all.IPv6 + withdrawn, withdrawals: withdrawn);
        await collector.DumpRibAsync(ribDumpFile, all.IPv4 + all.IPv6, stepTimeout);
    }

    // BIRD and FRR write each message as it arrives, before they process it; GoBGP's MRT writer
    // runs on its own goroutine behind the RIB. So a collector's route count may be ahead of its
    // file: wait until bgpdump decodes every announcement and withdrawal from it.
    private Task WaitForUpdatesFileAsync(long announcements, long withdrawals)
    {
        var file = collector.UpdatesFile!;
        return Eventually.HoldsAsync(collector.Process!, $"{file} decodes to {announcements} announcements and {withdrawals} withdrawals", async () =>
        {
            var kinds = await Bgpdump.CountKindsAsync(file);
            var a = kinds.GetValueOrDefault(BgpdumpLine.Announcement);
            var w = kinds.GetValueOrDefault(BgpdumpLine.Withdrawal);
            return new Observation(a >= announcements && w >= withdrawals, $"{a} announcements and {w} withdrawals");
        }, stepTimeout);
    }
}
