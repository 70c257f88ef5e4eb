namespace Grid.Grains.Shutdowns;

/// <summary>
/// How much of a country a STOP row says was cut. The sheets spell it many ways: "National",
/// "Regional", "Local", "Level 1" to "Level 3" (2019), and sentences such as "It only affected one
/// city, county, or village" (2020 on); <see cref="StopVocabulary.Scope"/> reads them all.
/// </summary>
public enum StopScope
{
    Unknown = 0,
    National = 1,
    Regional = 2,
    Local = 3,
}
