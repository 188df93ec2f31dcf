--=============================================================================
--
-- MultiframeSchema.sql
--
-- Schema script of the image metadata tables of the Curation archive: the
-- multiframes (FITS files from the CASU WFCAM pipeline) and their detector
-- frames, astrometry, provenance, programme assignment and complete
-- headers. CU3 (ingest-metadata) fills them from the files CU1 registered.
--
-- Modelled on the WSA Multiframe schema. Keyword sources (K tags): KEY is a
-- keyword of the HDU the row is ingested from (the primary HDU for
-- Multiframe, the image extension for the detector tables); PRIMARY.KEY a
-- keyword of the primary HDU; BINTABLE.KEY a keyword of the catalogue's
-- binary-table extension for the same detector.
--
--=============================================================================


-- Multiframes: one row per FITS file.
CREATE TABLE Multiframe(
-------------------------------------------------------------------------------
--/H Contains details of individual multiframes: one row per ingested FITS file.
--
--/T A multiframe is one FITS file from the pipeline: a primary header and
--/T one image extension per detector (WFCAM has four). CU3 inserts one row
--/T here per image or confidence-map file, from the keywords of its primary
--/T header (K tags), and one row per image extension in
--/T MultiframeDetector. Columns with a Q tag are computed by CU3 from the
--/T columns they name; the rest (identifiers, file names) are set by CU3
--/T itself.
--/T
--/T Required constraints: primary key is (multiframeID)
--/T (fileID) references ArchivedFile(fileID)
--/T (cuEventID) references ArchiveCurationHistory(cuEventID)
--/T (programmeID) references Programme(programmeID)
--/T (filterID) references Filter(filterID)
-------------------------------------------------------------------------------
multiframeID bigint not null,                                 --/D the unique identifier of the multiframe, assigned by CU3 --/C ID_FRAME
cuEventID    int not null,                                    --/D the curation event (CU3) that ingested the multiframe --/C REFER_CODE
fileID       bigint not null,                                 --/D the registered file this multiframe was ingested from --/C ID_FILE
fileName     varchar(256) not null default 'NONE',            --/D the path of the FITS file in the archive (as ArchivedFile.fileName) --/C ID_FILE
catName      varchar(256) not null default 'NONE',            --/D the path of the CASU source catalogue of this multiframe in the archive; NONE if it has none --/C ID_FILE
frameType    varchar(32) not null default 'NONE',             --/D the type of the frame, from the pipeline's file-name suffix: normal, leav (interleaved), stack, leavstack, conf, dark, sky, flat, ... --/C CODE_MISC --/Q fileName
programmeID  int not null default -99,                        --/D the programme the frame belongs to: the Programme whose dfsIDString prefixes project; -99 if none --/C ID_SURVEY --/Q project --/N -99
project      varchar(64) not null default 'NONE',             --/D the time-allocation code of the observation, eg. U/UKIDSS/LAS --/C ID_SURVEY --/K PROJECT
msbID        varchar(64) not null default 'NONE',             --/D the identifier of the minimum schedulable block --/C ID_IDENTIFIER --/K MSBID
msbTID       varchar(64) not null default 'NONE',             --/D the identifier of the MSB transaction --/C ID_IDENTIFIER --/K MSBTID
obsNum       int not null default -99999999,                  --/D the observation number within the night --/C ID_NUMBER --/K OBSNUM --/N -99999999
grpNum       int not null default -99999999,                  --/D the group number shared by all members of the observation group --/C ID_NUMBER --/K GRPNUM --/N -99999999
tileNum      int not null default -99999999,                  --/D the tile number shared by all members of the tile --/C ID_NUMBER --/K TILENUM --/N -99999999
object       varchar(64) not null default 'NONE',             --/D the object name given to the telescope --/C ID_TARGET --/K OBJECT
obsType      varchar(16) not null default 'NONE',             --/D the type of observation: BIAS, DARK, SKYFLAT, DOMEFLAT, OBJECT, SKY or FOCUS --/C CODE_MISC --/K OBSTYPE
recipe       varchar(32) not null default 'NONE',             --/D the data reduction recipe to be used, eg. JITTER --/C CODE_MISC --/K RECIPE
standard     tinyint not null default 0,                      --/D flag: 1 if the target is a standard star observation, else 0 --/C CODE_MISC --/K STANDARD --/N 0 --/V 0,1
telescope    varchar(16) not null default 'NONE',             --/D the telescope name, eg. UKIRT --/C INST_ID --/K TELESCOP
instrument   varchar(16) not null default 'NONE',             --/D the instrument name, eg. WFCAM --/C INST_ID --/K INSTRUME
dhsVer       varchar(32) not null default 'NONE',             --/D the version of the data handling system --/C ID_VERSION --/K DHSVER
filterName   varchar(16) not null default 'NONE',             --/D the filter name as the FILTER keyword gives it, eg. K --/C INST_FILTER_CODE --/K FILTER
filterID     tinyint not null default 0,                      --/D the filter: the Filter whose shortName matches filterName; 0 if none --/C INST_FILTER_CODE --/Q filterName --/N 0
utDate       int not null default -99999999,                  --/D the UT date of the night as the integer YYYYMMDD --/C TIME_DATE --/K UTDATE --/N -99999999
dateObs      datetime not null default '9999-12-31 23:59:59', --/D the date and time (UTC) of the start of the observation --/U UTC --/C TIME_DATE --/K DATE-OBS
dateEnd      datetime not null default '9999-12-31 23:59:59', --/D the date and time (UTC) of the end of the observation --/U UTC --/C TIME_DATE --/K DATE-END
mjdObs       float not null default -0.9999995e9,             --/D the modified Julian date of the start of the observation; computed from dateObs when the header has no MJD-OBS --/U days --/C TIME_DATE --/K MJD-OBS --/Q dateObs --/N -0.9999995e9
utStart      real not null default -0.9999995e9,              --/D the UT start time of the integration --/U hours --/C TIME_DATE --/K UTSTART --/N -0.9999995e9
utEnd        real not null default -0.9999995e9,              --/D the UT end time of the integration --/U hours --/C TIME_DATE --/K UTEND --/N -0.9999995e9
expTime      real not null default -0.9999995e9,              --/D the integration time per exposure --/U seconds --/C TIME_EXPTIME --/K EXP_TIME --/N -0.9999995e9
nExp         smallint not null default -9999,                 --/D the number of exposures in the integration --/C NUMBER --/K NEXP --/N -9999
nInt         smallint not null default -9999,                 --/D the number of integrations in the observation --/C NUMBER --/K NINT --/N -9999
readMode     varchar(16) not null default 'NONE',             --/D the name of the camera read mode, eg. CDS --/C INST_SETUP --/K READMODE
readInt      real not null default -0.9999995e9,              --/D the interval between reads --/U seconds --/C TIME_INTERVAL --/K READINT --/N -0.9999995e9
nReads       smallint not null default -9999,                 --/D the number of reads per exposure --/C NUMBER --/K NREADS --/N -9999
nJitter      tinyint not null default 0,                      --/D the number of positions in the telescope jitter pattern --/C NUMBER --/K NJITTER --/N 0
jitterID     tinyint not null default 0,                      --/D the serial number of this frame in the jitter pattern --/C ID_NUMBER --/K JITTER_I --/N 0
jitterX      real not null default -0.9999995e9,              --/D the X (RA) offset of this frame in the jitter pattern --/U arcsec --/C POS_EQ_RA_OFF --/K JITTER_X --/N -0.9999995e9
jitterY      real not null default -0.9999995e9,              --/D the Y (Dec) offset of this frame in the jitter pattern --/U arcsec --/C POS_EQ_DEC_OFF --/K JITTER_Y --/N -0.9999995e9
nuStep       tinyint not null default 0,                      --/D the number of positions in the microstep pattern --/C NUMBER --/K NUSTEP --/N 0
ustepID      tinyint not null default 0,                      --/D the serial number of this frame in the microstep pattern --/C ID_NUMBER --/K USTEP_I --/N 0
ustepX       real not null default -0.9999995e9,              --/D the X (RA) offset of this frame in the microstep pattern --/U arcsec --/C POS_EQ_RA_OFF --/K USTEP_X --/N -0.9999995e9
ustepY       real not null default -0.9999995e9,              --/D the Y (Dec) offset of this frame in the microstep pattern --/U arcsec --/C POS_EQ_DEC_OFF --/K USTEP_Y --/N -0.9999995e9
equinox      real not null default -0.9999995e9,              --/D the equinox of the object position --/U years --/C TIME_EQUINOX --/K EQUINOX --/N -0.9999995e9
raDecSys     varchar(8) not null default 'NONE',              --/D the reference frame of the equatorial co-ordinates, eg. FK5 --/C REFER_CODE --/K RADESYS
raBase       float not null default -0.9999995e9,             --/D the right ascension of the base position of the pointing (as the keyword gives it, in hours) --/U hours --/C POS_EQ_RA_MAIN --/K RABASE --/N -0.9999995e9
decBase      float not null default -0.9999995e9,             --/D the declination of the base position of the pointing --/U degrees --/C POS_EQ_DEC_MAIN --/K DECBASE --/N -0.9999995e9
telRA        float not null default -0.9999995e9,             --/D the telescope right ascension at the time of the observation (in hours) --/U hours --/C POS_EQ_RA_OTHER --/K TELRA --/N -0.9999995e9
telDec       float not null default -0.9999995e9,             --/D the telescope declination at the time of the observation --/U degrees --/C POS_EQ_DEC_OTHER --/K TELDEC --/N -0.9999995e9
haBase       real not null default -0.9999995e9,              --/D the hour angle of the base position --/U degrees --/C POS_HOUR_ANGLE --/K HABASE --/N -0.9999995e9
amStart      real not null default -0.9999995e9,              --/D the airmass at the start of the observation --/C OBS_AIRMASS --/K AMSTART --/N -0.9999995e9
amEnd        real not null default -0.9999995e9,              --/D the airmass at the end of the observation --/C OBS_AIRMASS --/K AMEND --/N -0.9999995e9
airTemp      real not null default -0.9999995e9,              --/D the air temperature --/U degC --/C PHYS_TEMP --/K AIRTEMP --/N -0.9999995e9
barPress     real not null default -0.9999995e9,              --/D the ambient pressure --/U mbar --/C PHYS_PRESSURE --/K BARPRESS --/N -0.9999995e9
dewPoint     real not null default -0.9999995e9,              --/D the dew point --/U degC --/C PHYS_TEMP --/K DEWPOINT --/N -0.9999995e9
humidity     real not null default -0.9999995e9,              --/D the relative humidity --/U percent --/C PHYS_HUMIDITY --/K HUMIDITY --/N -0.9999995e9
windDir      real not null default -0.9999995e9,              --/D the wind direction (azimuth) --/U degrees --/C POS_AZ_AZI --/K WIND_DIR --/N -0.9999995e9
windSpeed    real not null default -0.9999995e9,              --/D the wind speed --/U km/h --/C PHYS_VELOC --/K WIND_SPD --/N -0.9999995e9
csoTau       real not null default -0.9999995e9,              --/D the atmospheric opacity (tau) at 225 GHz from the CSO --/C OBS_ATMOS_EXTINCTION --/K CSOTAU --/N -0.9999995e9
guiding      varchar(8) not null default 'NONE',              --/D the guider status: OFF, ON or PAUSED --/C CODE_MISC --/K GUIDING
deprecated   tinyint not null default 0,                      --/D deprecation flag: 0 for a frame in use; non-zero codes say why it was deprecated (eg. 1 = superseded by reprocessing, 2 = failed quality control) --/C CODE_MISC
CONSTRAINT pk_Multiframe PRIMARY KEY (multiframeID),
CONSTRAINT fk_Multiframe_ArchivedFile FOREIGN KEY (fileID) REFERENCES ArchivedFile(fileID),
CONSTRAINT fk_Multiframe_ArchiveCurationHistory FOREIGN KEY (cuEventID) REFERENCES ArchiveCurationHistory(cuEventID),
CONSTRAINT fk_Multiframe_Programme FOREIGN KEY (programmeID) REFERENCES Programme(programmeID),
CONSTRAINT fk_Multiframe_Filter FOREIGN KEY (filterID) REFERENCES Filter(filterID)
)
GO

-- Detector frames: one row per image extension.
CREATE TABLE MultiframeDetector(
-------------------------------------------------------------------------------
--/H Contains details of individual detector frames that are part of a multiframe.
--
--/T One row per image extension of a multiframe. CU3 fills it from the
--/T keywords of that extension (K tag KEY with no prefix), the primary header
--/T (K tag PRIMARY.KEY) and the header of the binary table holding that
--/T detector's detections in the multiframe's catalogue file
--/T (Multiframe.catName): K tag BINTABLE.KEY is read from the catalogue
--/T extension with the same extension number as this frame. Frames without
--/T a catalogue keep the defaults of the BINTABLE columns.
--/T
--/T Required constraints: primary key is (multiframeID, extNum)
--/T (multiframeID) references Multiframe(multiframeID)
--/T (filterID) references Filter(filterID)
-------------------------------------------------------------------------------
multiframeID   bigint not null,                      --/D the multiframe this detector frame is part of --/C ID_FRAME
extNum         tinyint not null,                     --/D the extension number of this frame: the number of its HDU in the file counting the primary HDU as 1, so the first image extension is 2 --/C NUMBER
cuEventID      int not null default -99999999,       --/D the curation event (CU3) that ingested this detector frame --/C REFER_CODE
compFile       varchar(256) not null default 'NONE', --/D the path of the compressed (JPEG) preview of this frame, made by CU2; NONE until made --/C ID_FILE
thumbFile      varchar(256) not null default 'NONE', --/D the path of the 128-pixel JPEG thumbnail of this frame, made by CU2 with its preview; NONE until made --/C ID_FILE
filterID       tinyint not null default 0,           --/D the filter of the frame (that of its multiframe) --/C INST_FILTER_CODE --/Q Multiframe.filterID --/N 0
camNum         tinyint not null default 0,           --/D the number of the WFCAM camera (detector) that took this frame: 1, 2, 3 or 4 --/C INST_ID --/K CAMNUM --/N 0
deviceID       varchar(32) not null default 'NONE',  --/D the serial number of the detector array, eg. RSC:H2:41 --/C INST_ID --/K DETECTID
detectorType   varchar(32) not null default 'NONE',  --/D the type of detector array, eg. RSC Hawaii 2 --/C INST_ID --/K DETECTOR
configIndex    int not null default -99999999,       --/D the camera configuration index --/C INST_SETUP --/K CNFINDEX --/N -99999999
runID          varchar(256) not null default 'NONE', --/D the name of the raw data file of this frame --/C ID_FILE --/K RUNID
extName        varchar(32) not null default 'NONE',  --/D the name of the extension --/C ID_IDENTIFIER --/K EXTNAME
imageExtType   varchar(16) not null default 'NONE',  --/D the type of the extension, eg. IMAGE --/C CODE_MISC --/K XTENSION
bitsPerPix     smallint not null default -9999,      --/D the number of bits per data pixel, eg. 32 for 4-byte integers, -32 for 4-byte floats --/C NUMBER --/K BITPIX --/N -9999
dataScale      real not null default 1.0,            --/D the scale of pixel values: physical = dataZero + dataScale * stored --/C INST_PARAM --/K BSCALE --/N 1.0
dataZero       real not null default 0.0,            --/D the zero point of pixel values --/C INST_PARAM --/K BZERO --/N 0.0
numAxes        tinyint not null default 0,           --/D the number of data axes --/C NUMBER --/K NAXIS --/N 0
axis1Length    int not null default -99999999,       --/D the length of data axis 1 (X size of the image) --/U pixels --/C NUMBER --/K NAXIS1 --/N -99999999
axis2Length    int not null default -99999999,       --/D the length of data axis 2 (Y size of the image) --/U pixels --/C NUMBER --/K NAXIS2 --/N -99999999
detRows        int not null default -99999999,       --/D the number of detector rows --/U pixels --/C INST_DET_SIZE --/K DROWS --/N -99999999
detCols        int not null default -99999999,       --/D the number of detector columns --/U pixels --/C INST_DET_SIZE --/K DCOLUMNS --/N -99999999
pixelScale     real not null default -0.9999995e9,   --/D the nominal pixel size on the sky --/U arcsec --/C INST_PIXSIZE --/K PIXLSIZE --/N -0.9999995e9
gain           real not null default -0.9999995e9,   --/D the detector gain --/U electrons/ADU --/C INST_GAIN --/K GAIN --/N -0.9999995e9
readNoise      real not null default -0.9999995e9,   --/D the read-noise estimate --/U ADU --/C INST_NOISE --/K READNOIS --/N -0.9999995e9
detTemp        real not null default -0.9999995e9,   --/D the temperature of the detector array --/U K --/C INST_TEMP --/K DET_TEMP --/N -0.9999995e9
darkCor        varchar(256) not null default 'NONE', --/D the dark correction applied (the dark frame used) --/C NOTE --/K DARKCOR
flatCor        varchar(256) not null default 'NONE', --/D the flat-field correction applied (the flat used) --/C NOTE --/K FLATCOR
skySub         varchar(256) not null default 'NONE', --/D the sky subtraction applied (the sky frame used) --/C NOTE --/K SKYSUB
confName       varchar(256) not null default 'NONE', --/D the confidence map of this frame (file name and extension) --/C ID_FILE --/K CIR_CPM
skyLevel       real not null default -0.9999995e9,   --/D the median sky level estimated by the pipeline --/U ADU --/C PHOT_SB_SKY --/K SKYLEVEL --/N -0.9999995e9
skyNoise       real not null default -0.9999995e9,   --/D the pixel noise at sky level --/U ADU --/C PHOT_SB_SKY --/K SKYNOISE --/N -0.9999995e9
seeing         real not null default -0.9999995e9,   --/D the average FWHM of stellar images --/U pixels --/C INST_SEEING --/K SEEING --/N -0.9999995e9
avStellarEll   real not null default -0.9999995e9,   --/D the average ellipticity (1-b/a) of stellar images --/C PHYS_ELLIPTICITY --/K ELLIPTIC --/N -0.9999995e9
photZPExt      real not null default -0.9999995e9,   --/D the photometric zero point for default extinction, from the image extension --/U mag --/C PHOT_ZP --/K MAGZPT --/N -0.9999995e9
photZPErrExt   real not null default -0.9999995e9,   --/D the error of photZPExt --/U mag --/C ERROR --/K MAGZRR --/N -0.9999995e9
extinctionExt  real not null default -0.9999995e9,   --/D the extinction coefficient, from the image extension --/U mag --/C PHOT_ATM_EXT --/K EXTINCT --/N -0.9999995e9
nightZPExt     real not null default -0.9999995e9,   --/D the average photometric zero point of the night in this filter --/U mag --/C PHOT_ZP --/K NIGHTZPT --/N -0.9999995e9
nightZPErrExt  real not null default -0.9999995e9,   --/D the scatter of the night's photometric zero points --/U mag --/C ERROR --/K NIGHTZRR --/N -0.9999995e9
nightZPNum     smallint not null default -9999,      --/D the number of zero points in this filter used for the night's average --/C NUMBER --/K NIGHTNUM --/N -9999
numZPStds      int not null default -99999999,       --/D the number of standard stars used for the zero point --/C NUMBER --/K NUMZPT --/N -99999999
tableRows      int not null default -99999999,       --/D the number of detections in the catalogue extension of this frame --/C NUMBER --/K BINTABLE.NAXIS2 --/N -99999999
photZPCat      real not null default -0.9999995e9,   --/D the photometric zero point for default extinction, from the catalogue extension; used for the magnitudes in {prog}Detection --/U mag --/C PHOT_ZP --/K BINTABLE.MAGZPT --/N -0.9999995e9
photZPErrCat   real not null default -0.9999995e9,   --/D the error of photZPCat --/U mag --/C ERROR --/K BINTABLE.MAGZRR --/N -0.9999995e9
extinctionCat  real not null default -0.9999995e9,   --/D the extinction coefficient, from the catalogue extension --/U mag --/C PHOT_ATM_EXT --/K BINTABLE.EXTINCT --/N -0.9999995e9
isophThreshold real not null default -0.9999995e9,   --/D the isophotal analysis threshold --/U ADU --/C PHOT_SB_GENERAL --/K BINTABLE.THRESHOL --/N -0.9999995e9
minImageSize   smallint not null default -9999,      --/D the minimum size of an image to be detected --/U pixels --/C EXTENSION_AREA --/K BINTABLE.MINPIX --/N -9999
crowdedFlag    tinyint not null default 0,           --/D flag: 1 if crowded-field analysis was active, else 0 --/C CODE_MISC --/K BINTABLE.CROWDED --/N 0 --/V 0,1
coreRadius     real not null default -0.9999995e9,   --/D the core radius of the default profile fit (rcore; aperture radii are multiples of it) --/U pixels --/C EXTENSION_RAD --/K BINTABLE.RCORE --/N -0.9999995e9
filtFWHM       real not null default -0.9999995e9,   --/D the FWHM of the smoothing kernel used for detection --/U pixels --/C EXTENSION_FWHM --/K BINTABLE.FILTFWHM --/N -0.9999995e9
skyBoxSize     smallint not null default -9999,      --/D the size of the smoothing box used for the background --/U pixels --/C EXTENSION_DIAM --/K BINTABLE.NBSIZE --/N -9999
saturatedLevel real not null default -0.9999995e9,   --/D the average saturation level of the frame --/U ADU --/C INST_SATURATION --/K BINTABLE.SATURATE --/N -0.9999995e9
aperCorPeak    real not null default -0.9999995e9,   --/D the stellar aperture correction for the peak height --/U mag --/C PHOT_CORR --/K BINTABLE.APCORPK --/N -0.9999995e9
aperCor1       real not null default -0.9999995e9,   --/D the stellar aperture correction for the flux in aperture 1 (1/2 x coreRadius) --/U mag --/C PHOT_CORR --/K BINTABLE.APCOR1 --/N -0.9999995e9
aperCor2       real not null default -0.9999995e9,   --/D the stellar aperture correction for the flux in aperture 2 (1/sqrt(2) x coreRadius) --/U mag --/C PHOT_CORR --/K BINTABLE.APCOR2 --/N -0.9999995e9
aperCor3       real not null default -0.9999995e9,   --/D the stellar aperture correction for the flux in aperture 3 (1 x coreRadius) --/U mag --/C PHOT_CORR --/K BINTABLE.APCOR3 --/N -0.9999995e9
aperCor4       real not null default -0.9999995e9,   --/D the stellar aperture correction for the flux in aperture 4 (sqrt(2) x coreRadius) --/U mag --/C PHOT_CORR --/K BINTABLE.APCOR4 --/N -0.9999995e9
aperCor5       real not null default -0.9999995e9,   --/D the stellar aperture correction for the flux in aperture 5 (2 x coreRadius) --/U mag --/C PHOT_CORR --/K BINTABLE.APCOR5 --/N -0.9999995e9
aperCor6       real not null default -0.9999995e9,   --/D the stellar aperture correction for the flux in aperture 6 (2*sqrt(2) x coreRadius) --/U mag --/C PHOT_CORR --/K BINTABLE.APCOR6 --/N -0.9999995e9
aperCor7       real not null default -0.9999995e9,   --/D the stellar aperture correction for the flux in aperture 7 (4 x coreRadius) --/U mag --/C PHOT_CORR --/K BINTABLE.APCOR7 --/N -0.9999995e9
deprecated     tinyint not null default 0,           --/D deprecation flag: 0 for a frame in use; non-zero codes say why it was deprecated --/C CODE_MISC
CONSTRAINT pk_MultiframeDetector PRIMARY KEY (multiframeID, extNum),
CONSTRAINT fk_MultiframeDetector_Multiframe FOREIGN KEY (multiframeID) REFERENCES Multiframe(multiframeID),
CONSTRAINT fk_MultiframeDetector_Filter FOREIGN KEY (filterID) REFERENCES Filter(filterID)
)
GO

-- Astrometric calibration of each detector frame.
CREATE TABLE CurrentAstrometry(
-------------------------------------------------------------------------------
--/H Contains the current astrometric calibration of each detector frame.
--
--/T One row per detector frame: the world co-ordinate system (WCS) of the
--/T frame as the keywords of its image extension give it (zenithal
--/T polynomial, ZPN, projection with CD matrix and PV2_n terms), and the
--/T frame's centre and extent on the sky computed from it by CU3. The
--/T centre and corners are those of the image of axis1Length x axis2Length
--/T pixels in MultiframeDetector.
--/T
--/T Required constraints: primary key is (multiframeID, extNum)
--/T (multiframeID, extNum) references MultiframeDetector(multiframeID, extNum)
-------------------------------------------------------------------------------
multiframeID bigint not null,                     --/D the multiframe --/C ID_FRAME
extNum       tinyint not null,                    --/D the extension number of the detector frame (as MultiframeDetector.extNum) --/C NUMBER
cuEventID    int not null default -99999999,      --/D the curation event that wrote this astrometric solution --/C REFER_CODE
cTypeX       varchar(8) not null default 'NONE',  --/D the WCS projection type of axis 1, eg. RA---ZPN --/C POS_EQ_RA_MAIN --/K CTYPE1
cTypeY       varchar(8) not null default 'NONE',  --/D the WCS projection type of axis 2, eg. DEC--ZPN --/C POS_EQ_DEC_MAIN --/K CTYPE2
crValX       float not null default -0.9999995e9, --/D the right ascension at the reference point --/U degrees --/C POS_EQ_RA_MAIN --/K CRVAL1 --/N -0.9999995e9
crValY       float not null default -0.9999995e9, --/D the declination at the reference point --/U degrees --/C POS_EQ_DEC_MAIN --/K CRVAL2 --/N -0.9999995e9
crPixX       float not null default -0.9999995e9, --/D the pixel coordinate of the reference point on axis 1 --/U pixels --/C POS_CCD_X --/K CRPIX1 --/N -0.9999995e9
crPixY       float not null default -0.9999995e9, --/D the pixel coordinate of the reference point on axis 2 --/U pixels --/C POS_CCD_Y --/K CRPIX2 --/N -0.9999995e9
cd11         float not null default -0.9999995e9, --/D element 1_1 of the linear transformation matrix (with scale) --/U degrees/pixel --/C POS_TRANSF_PARAM --/K CD1_1 --/N -0.9999995e9
cd12         float not null default -0.9999995e9, --/D element 1_2 of the linear transformation matrix (with scale) --/U degrees/pixel --/C POS_TRANSF_PARAM --/K CD1_2 --/N -0.9999995e9
cd21         float not null default -0.9999995e9, --/D element 2_1 of the linear transformation matrix (with scale) --/U degrees/pixel --/C POS_TRANSF_PARAM --/K CD2_1 --/N -0.9999995e9
cd22         float not null default -0.9999995e9, --/D element 2_2 of the linear transformation matrix (with scale) --/U degrees/pixel --/C POS_TRANSF_PARAM --/K CD2_2 --/N -0.9999995e9
pv21         float not null default -0.9999995e9, --/D the coefficient of the r term of the ZPN projection --/C POS_TRANSF_PARAM --/K PV2_1 --/N -0.9999995e9
pv22         float not null default -0.9999995e9, --/D the coefficient of the r**2 term of the ZPN projection --/C POS_TRANSF_PARAM --/K PV2_2 --/N -0.9999995e9
pv23         float not null default -0.9999995e9, --/D the coefficient of the r**3 term of the ZPN projection --/C POS_TRANSF_PARAM --/K PV2_3 --/N -0.9999995e9
pv24         float not null default -0.9999995e9, --/D the coefficient of the r**4 term of the ZPN projection --/C POS_TRANSF_PARAM --/K PV2_4 --/N -0.9999995e9
pv25         float not null default -0.9999995e9, --/D the coefficient of the r**5 term of the ZPN projection --/C POS_TRANSF_PARAM --/K PV2_5 --/N -0.9999995e9
numRMS       int not null default -99999999,      --/D the number of stars used in the astrometric fit --/C NUMBER --/K NUMBRMS --/N -99999999
stdCRms      real not null default -0.9999995e9,  --/D the rms residual of the astrometric fit --/U arcsec --/C FIT_RESIDUAL --/K STDCRMS --/N -0.9999995e9
wcsPass      tinyint not null default 0,          --/D the number of the pass of the astrometric fit that gave this solution --/C NUMBER --/K WCSPASS --/N 0
centralRA    float not null default -0.9999995e9, --/D the right ascension of the centre of the frame --/U degrees --/C POS_EQ_RA_MAIN --/Q crValX,crValY,crPixX,crPixY,cd11,cd12,cd21,cd22,pv21,pv22,pv23,MultiframeDetector.axis1Length,MultiframeDetector.axis2Length --/N -0.9999995e9
centralDec   float not null default -0.9999995e9, --/D the declination of the centre of the frame --/U degrees --/C POS_EQ_DEC_MAIN --/Q crValX,crValY,crPixX,crPixY,cd11,cd12,cd21,cd22,pv21,pv22,pv23,MultiframeDetector.axis1Length,MultiframeDetector.axis2Length --/N -0.9999995e9
cx           float not null default -0.9999995e9, --/D the Cartesian x of the unit vector of the frame centre on the celestial sphere --/C POS_EQ_X --/Q centralRA,centralDec --/N -0.9999995e9
cy           float not null default -0.9999995e9, --/D the Cartesian y of the unit vector of the frame centre on the celestial sphere --/C POS_EQ_Y --/Q centralRA,centralDec --/N -0.9999995e9
cz           float not null default -0.9999995e9, --/D the Cartesian z of the unit vector of the frame centre on the celestial sphere --/C POS_EQ_Z --/Q centralRA,centralDec --/N -0.9999995e9
htmID        bigint not null default -99999999,   --/D the Hierarchical Triangular Mesh (HTM) index, 20 deep, of the frame centre --/C POS_GENERAL --/Q centralRA,centralDec --/L 20 --/N -99999999
minRA        float not null default -0.9999995e9, --/D the minimum right ascension of the frame's corners --/U degrees --/C POS_EQ_RA --/Q crValX,crValY,crPixX,crPixY,cd11,cd12,cd21,cd22,pv21,pv22,pv23,MultiframeDetector.axis1Length,MultiframeDetector.axis2Length --/N -0.9999995e9
maxRA        float not null default -0.9999995e9, --/D the maximum right ascension of the frame's corners --/U degrees --/C POS_EQ_RA --/Q crValX,crValY,crPixX,crPixY,cd11,cd12,cd21,cd22,pv21,pv22,pv23,MultiframeDetector.axis1Length,MultiframeDetector.axis2Length --/N -0.9999995e9
minDec       float not null default -0.9999995e9, --/D the minimum declination of the frame's corners --/U degrees --/C POS_EQ_DEC --/Q crValX,crValY,crPixX,crPixY,cd11,cd12,cd21,cd22,pv21,pv22,pv23,MultiframeDetector.axis1Length,MultiframeDetector.axis2Length --/N -0.9999995e9
maxDec       float not null default -0.9999995e9, --/D the maximum declination of the frame's corners --/U degrees --/C POS_EQ_DEC --/Q crValX,crValY,crPixX,crPixY,cd11,cd12,cd21,cd22,pv21,pv22,pv23,MultiframeDetector.axis1Length,MultiframeDetector.axis2Length --/N -0.9999995e9
xPixSize     real not null default -0.9999995e9,  --/D the pixel size along axis 1 at the reference point --/U arcsec --/C INST_PIXSIZE --/Q cd11,cd21 --/N -0.9999995e9
yPixSize     real not null default -0.9999995e9,  --/D the pixel size along axis 2 at the reference point --/U arcsec --/C INST_PIXSIZE --/Q cd12,cd22 --/N -0.9999995e9
posAngle     real not null default -0.9999995e9,  --/D the position angle of the frame's Y axis, east of north --/U degrees --/C POS_POS-ANG --/Q cd11,cd12,cd21,cd22 --/N -0.9999995e9
CONSTRAINT pk_CurrentAstrometry PRIMARY KEY (multiframeID, extNum),
CONSTRAINT fk_CurrentAstrometry_MultiframeDetector FOREIGN KEY (multiframeID, extNum) REFERENCES MultiframeDetector(multiframeID, extNum)
)
GO

-- Provenance of combined frames.
CREATE TABLE Provenance(
-------------------------------------------------------------------------------
--/H Records the component frames of every combined frame.
--
--/T Stacked, interleaved and other combined frames are formed from other
--/T frames. CU3 reads the PROVnnnn keywords of a combined frame (PROV0000
--/T says how the frame was formed, PROV0001, PROV0002, ... name its
--/T components) and inserts one row per component that is itself in
--/T Multiframe.
--/T
--/T Required constraints: primary key is (combinedframeID, multiframeID)
--/T (combinedframeID) references Multiframe(multiframeID)
--/T (multiframeID) references Multiframe(multiframeID)
-------------------------------------------------------------------------------
combinedframeID bigint not null,                      --/D the combined multiframe --/C ID_FRAME
multiframeID    bigint not null,                      --/D a component multiframe of the combined frame --/C ID_FRAME
cuEventID       int not null default -99999999,       --/D the curation event (CU3) that recorded this provenance --/C REFER_CODE
componentName   varchar(256) not null default 'NONE', --/D the component as the PROVnnnn keyword names it, eg. w20071011_01818_sf.fit[4] --/C ID_FILE
CONSTRAINT pk_Provenance PRIMARY KEY (combinedframeID, multiframeID),
CONSTRAINT fk_Provenance_Combined FOREIGN KEY (combinedframeID) REFERENCES Multiframe(multiframeID),
CONSTRAINT fk_Provenance_Component FOREIGN KEY (multiframeID) REFERENCES Multiframe(multiframeID)
)
GO

-- Assignment of frames to programmes.
CREATE TABLE ProgrammeFrame(
-------------------------------------------------------------------------------
--/H Assigns multiframes to programmes.
--
--/T One row per multiframe and programme whose catalogue tables use it:
--/T CU3 assigns each frame to the programme its PROJECT keyword names
--/T (Multiframe.programmeID); a frame may be assigned to further programmes
--/T by the curator. productID names the programme's product (eg. the
--/T survey tile) the frame belongs to.
--/T
--/T Required constraints: primary key is (programmeID, multiframeID)
--/T (programmeID) references Programme(programmeID)
--/T (multiframeID) references Multiframe(multiframeID)
-------------------------------------------------------------------------------
programmeID  int not null,                   --/D the programme --/C ID_SURVEY
multiframeID bigint not null,                --/D the multiframe assigned to the programme --/C ID_FRAME
cuEventID    int not null default -99999999, --/D the curation event that made the assignment --/C REFER_CODE
productID    int not null default -99999999, --/D the programme's product (eg. survey tile) the frame belongs to; -99999999 if not yet assigned --/C ID_NUMBER
releaseNum   smallint not null default 0,    --/D the release in which the frame first appeared; 0 if not yet released --/C ID_VERSION
CONSTRAINT pk_ProgrammeFrame PRIMARY KEY (programmeID, multiframeID),
CONSTRAINT fk_ProgrammeFrame_Programme FOREIGN KEY (programmeID) REFERENCES Programme(programmeID),
CONSTRAINT fk_ProgrammeFrame_Multiframe FOREIGN KEY (multiframeID) REFERENCES Multiframe(multiframeID)
)
GO

-- Complete FITS headers.
CREATE TABLE HeaderCard(
-------------------------------------------------------------------------------
--/H Holds every header card of every ingested HDU.
--
--/T CU3 keeps the complete headers of the files it ingests, one row per
--/T 80-character card (CONTINUE cards joined into the string they continue),
--/T so that any keyword can be queried even when no column holds it. extNum
--/T counts the primary HDU as 1, as in MultiframeDetector. valueType gives
--/T the type of the value: L logical, I integer, F floating point, C complex,
--/T S string, U undefined (keyword with no value), X commentary card
--/T (COMMENT, HISTORY, blank keyword).
--/T
--/T Required constraints: primary key is (multiframeID, extNum, cardNum)
--/T (multiframeID) references Multiframe(multiframeID)
-------------------------------------------------------------------------------
multiframeID bigint not null,                       --/D the multiframe whose file holds the header --/C ID_FRAME
extNum       tinyint not null,                      --/D the HDU of the header: 1 for the primary HDU, 2 for the first extension, ... --/C NUMBER
cardNum      smallint not null,                     --/D the position of the card in the header, counting from 1 (for a string continued on CONTINUE cards, the position of its first card) --/C NUMBER
cuEventID    int not null default -99999999,        --/D the curation event (CU3) that ingested the header --/C REFER_CODE
keyword      varchar(80) not null default 'NONE',   --/D the keyword, eg. MJD-OBS; for HIERARCH keywords the full name with its spaces, eg. HIERARCH ESO DET CHIP ID; empty for a commentary card with a blank keyword --/C ID_IDENTIFIER
value        varchar(2048) not null default 'NONE', --/D the value as written, without the quotes of a string value; the text of a commentary card --/C NOTE
comment      varchar(256) not null default 'NONE',  --/D the comment of the card (after the slash); NONE if none --/C NOTE
valueType    char(1) not null default 'U',          --/D the type of the value: L, I, F, C, S, U or X (see above) --/C CODE_MISC --/V L,I,F,C,S,U,X
CONSTRAINT pk_HeaderCard PRIMARY KEY (multiframeID, extNum, cardNum),
CONSTRAINT fk_HeaderCard_Multiframe FOREIGN KEY (multiframeID) REFERENCES Multiframe(multiframeID)
)
GO
