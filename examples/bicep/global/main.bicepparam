using './main.bicep'

param profileName = 'contoso-bicep-fd'
param wafMode = 'Prevention'
