import OptiscapeCore
print(LandscapeCatalog.all.map(\.name))
